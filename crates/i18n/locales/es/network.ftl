# Español de España, tratamiento de usted.
#
# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Red
network-nav-news = Últimas publicaciones
network-nav-calendar = Calendario
network-nav-library = Biblioteca de políticas
network-nav-search = Buscar
network-nav-cities = Ciudades
network-news-heading = Noticias de la red
network-library-heading = Biblioteca de políticas públicas
network-search-heading = Buscar en la red

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = compartido por { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } de { $city }, por { $author } · publicado el { $date }
network-read-on = Leer en { $city }
network-calendar-ics = Calendario de la red (.ics)
network-older = Contenidos anteriores

## Cities

network-cities-title = Ciudades
network-cities-heading = Ciudades de la red
network-cities-empty = Este sitio todavía no sigue a nadie y nadie lo sigue.
network-city-items = Contenidos recogidos
network-city-last-published = Última publicación
network-city-nothing-yet = todavía nada
network-city-delivery = Entrega
network-relation-mutual = se siguen mutuamente
network-relation-following = la seguimos
network-relation-follower-pending = nos sigue; nuestra solicitud está pendiente
network-relation-pending = solicitud de seguimiento pendiente
network-relation-follower = nos sigue
network-delivery-ok = las entregas funcionan
network-delivery-paused =
    { $count ->
        [one] entregas suspendidas hasta el { $date } tras { $count } fallo
       *[other] entregas suspendidas hasta el { $date } tras { $count } fallos
    }
network-delivery-failed =
    { $count ->
        [one] { $count } entrega fallida
       *[other] { $count } entregas fallidas
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } fallo reciente
       *[other] { $count } fallos recientes
    }
network-delivery-last-error = último error: { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } entrega en espera
       *[other] { $count } entregas en espera
    }

## Search form

search-label = Buscar
search-words = Palabras
search-city = Ciudad
search-city-any = Todas las ciudades
search-kind = Tipo
search-kind-any = Todos los tipos
search-tag = Etiqueta
search-language = Idioma
search-language-any = Todos los idiomas
search-from-date = Desde
search-to-date = Hasta
search-submit = Mostrar
search-clear = Borrar los filtros
search-results-label = Resultados
search-results =
    { $count ->
        [0] Ningún resultado
        [one] { $count } resultado
       *[other] { $count } resultados
    }
search-no-match = No hay coincidencias.

## Pages of results

pager-label = Páginas
pager-previous = Página anterior
pager-next = Página siguiente
pager-page = Página { $number }
pager-page-of = Página { $number } de { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Calendario de la red, { $month }
calendar-heading = Calendario de la red: { $month }
calendar-months = Meses
calendar-previous-month = Mes anterior
calendar-next-month = Mes siguiente
calendar-today = Hoy
calendar-no-events = No hay eventos este mes.
calendar-events =
    { $count ->
        [0] Ningún evento
        [one] { $count } evento
       *[other] { $count } eventos
    }
calendar-feed-title = Eventos de la red (iCalendar)
calendar-feed-link = eventos de la red (.ics)

## Public site

network-news-intro = Lo que publican esta ciudad y las ciudades que sigue, de lo más reciente a lo más antiguo.
network-library-intro = Los documentos de todas las ciudades de la red: cartas, planes y reglamentos, con sus versiones.
network-search-intro = Busque en todo lo que publican las ciudades de la red, en todos los idiomas.
network-calendar-intro = Los eventos de la red, mes a mes.
network-cities-intro = Las ciudades que sigue este sitio y las que lo siguen.
search-filters = Más filtros
search-prompt = Escriba una palabra para buscar o elija un filtro.
search-results-many = Más de { $count } resultados
pager-first = Primera página
