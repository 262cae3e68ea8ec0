# Español de España, tratamiento de usted.
#
# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Ir al contenido
# The aria-label of the main menu.
site-nav-label = Menú principal
nav-home = Inicio
nav-news = Noticias
nav-events = Agenda
nav-documents = Documentos
nav-network = Red
nav-about = Quiénes somos
nav-contact = Contacto
nav-privacy = Privacidad
nav-accessibility = Declaración de accesibilidad
# The label of the language switcher.
nav-language = Idioma
footer-software = Publicado con civicpub, software libre con licencia AGPL.
footer-no-tracking = Este sitio no instala cookies ni carga nada desde otros servidores.

## Home page

home-latest-news = Últimas noticias
home-upcoming-events = Próximos eventos
home-documents = Documentos oficiales
home-follow = Síganos
home-follow-intro = Siga estas cuentas desde Mastodon o cualquier otra aplicación del fediverso: busque el nombre de usuario en su aplicación.
home-no-news = Todavía no hay noticias.
home-no-events = No hay próximos eventos.
home-no-documents = Todavía no hay documentos.
home-no-accounts = Este sitio todavía no tiene cuentas.
home-all-news = Todas las noticias
home-all-events = Todos los eventos
home-all-documents = Todos los documentos

## Error pages

error-not-found-title = No encontrado
error-not-found-heading = Página no encontrada
error-not-found-text = No hay nada en esta dirección.
error-gone-title = Eliminado
error-gone-heading = Este contenido se ha eliminado
error-gone-text = El Ayuntamiento ha eliminado lo que se había publicado aquí.
error-home-link = Ir a la página de inicio
error-bad-request-title = Solicitud incorrecta
error-bad-request-heading = No se puede atender esta solicitud
# $value is what was typed into a date field.
error-bad-date = «{ $value }» no es una fecha: escríbala con el formato AAAA-MM-DD.
error-bad-month = «{ $value }» no es un mes: escríbalo con el formato AAAA-MM.
error-dates-reversed = La fecha de inicio es posterior a la fecha de fin.
error-unknown-kind = «{ $value }» no es un tipo de contenido.
error-server-title = Se ha producido un error
error-server-text = No se puede mostrar la página por un problema en este servidor. Vuelva a intentarlo más tarde.

## Public site

footer-follow = Seguir
footer-feed-news = Fuente de noticias (RSS)
footer-feed-events = Eventos para su calendario (iCalendar)
footer-feed-documents = Fuente de documentos (RSS)
error-bad-request-text = Esta dirección pide algo que este sitio no puede mostrar. Compruebe el enlace o vuelva a empezar desde la página de inicio.
error-search-too-long = La búsqueda es demasiado larga: use 200 caracteres como máximo.
