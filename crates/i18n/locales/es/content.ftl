# Español de España, tratamiento de usted.
#
# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = Noticia
kind-news-plural = Noticias
kind-event = Evento
kind-event-plural = Eventos
kind-document = Documento
kind-document-plural = Documentos
# A short post, such as a Mastodon status.
kind-note = Publicación
kind-note-plural = Publicaciones
kind-video = Vídeo
kind-video-plural = Vídeos

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = Por { $author } ({ $handle }) · publicado el { $date }
item-byline-updated = Por { $author } ({ $handle }) · publicado el { $date } · actualizado el { $updated }
item-by = Por { $author }
item-published = Publicado el { $date }
item-updated = Actualizado el { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Idiomas
item-tags = Etiquetas
item-files = Archivos
item-attachments = Adjuntos
item-pinned = Fijado
list-empty = Todavía no hay nada.
list-tag-heading = Etiqueta #{ $tag }

## Events

event-when = Cuándo:
event-where = Dónde:
event-online = En línea:
event-join-online = Participar en línea
event-map = Mapa
event-open-map = Abrir en OpenStreetMap
event-add-to-calendar = Añadir al calendario
event-status-scheduled = Previsto
event-status-cancelled = Cancelado
event-status-postponed = Aplazado
event-list-upcoming = Próximos
event-list-past = Pasados

## Policy documents

document-version = Versión
# $version as the city numbers it: "2", "2.1".
document-version-number = Versión { $version }
document-licence = Licencia
document-adopted-on = Aprobado el { $date }
document-history = Historial
document-version-history = Historial de versiones
document-summary = Versión { $version } · licencia { $licence } · aprobado el { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, versión { $number }
document-revision-of = Versión { $number } de { $document }, del { $date }.
# The link text for $document above.
document-this-document = este documento
# $size is a file size written by the program: "1.2 MB".
document-download = Descargar ({ $size })
document-checksum = Suma de comprobación (SHA-256)

## Accounts

profile-follow = Seguir
profile-follow-how = Busque { $handle } en Mastodon o en cualquier otra aplicación del fediverso para seguir esta cuenta.
profile-followers =
    { $count ->
        [one] { $count } seguidor
       *[other] { $count } seguidores
    }
profile-website = Sitio web
profile-contact = Contacto
# The description of an account's page for search engines and link previews.
profile-description = { $name } en el fediverso: { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = Suscribirse:
feed-subscribe-calendar = Suscribirse desde su aplicación de calendario:
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } de { $site }
feed-calendar-name = { $site } – eventos
feed-network-title = { $site } – red
feed-network-calendar-name = { $site } – eventos de la red

## Public site

document-adopted = Aprobación
document-current = versión vigente
document-details = Sobre este documento
event-details = Información práctica
event-all-day = Todo el día
event-until = Hasta el { $date }
event-online-only = En línea
event-cancelled-note = Este evento no se celebrará.
event-postponed-note = Este evento se ha aplazado: se anunciará una nueva fecha.
event-ended = Este evento ha terminado
item-also-in = También en:
profile-pinned = Fijados
profile-published = Publicado por esta cuenta
feed-reader-link = Seguir en un lector de fuentes (RSS)
feed-calendar-link = Añadir a su calendario
