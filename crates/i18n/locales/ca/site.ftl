# Català, tractament de vós. "el dia …" davant les dates evita l'apostrofació
# ("l'1", "l'11"). Els mesos duen la preposició dins la data (month-name-in-date).
# Hores a la manera catalana: 16.00 h.
#
# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Anar al contingut
# The aria-label of the main menu.
site-nav-label = Menú principal
nav-home = Inici
nav-news = Notícies
nav-events = Agenda
nav-documents = Documents
nav-network = Xarxa
nav-about = Qui som
nav-contact = Contacte
nav-privacy = Privadesa
nav-accessibility = Declaració d’accessibilitat
# The label of the language switcher.
nav-language = Llengua
footer-software = Publicat amb civicpub, programari lliure amb llicència AGPL.
footer-no-tracking = Aquest web no instal·la galetes ni carrega res d’altres servidors.

## Home page

home-latest-news = Últimes notícies
home-upcoming-events = Propers esdeveniments
home-documents = Documents oficials
home-follow = Seguiu-nos
home-follow-intro = Seguiu aquests comptes des de Mastodon o qualsevol altra aplicació del fedivers: cerqueu el nom d’usuari a la vostra aplicació.
home-no-news = Encara no hi ha notícies.
home-no-events = No hi ha esdeveniments propers.
home-no-documents = Encara no hi ha documents.
home-no-accounts = Aquest web encara no té cap compte.
home-all-news = Totes les notícies
home-all-events = Tots els esdeveniments
home-all-documents = Tots els documents

## Error pages

error-not-found-title = No s’ha trobat
error-not-found-heading = No s’ha trobat la pàgina
error-not-found-text = No hi ha res en aquesta adreça.
error-gone-title = Eliminat
error-gone-heading = Aquest contingut s’ha eliminat
error-gone-text = L’Ajuntament ha eliminat el que s’havia publicat aquí.
error-home-link = Aneu a la pàgina d’inici
error-bad-request-title = Sol·licitud incorrecta
error-bad-request-heading = No es pot respondre aquesta sol·licitud
# $value is what was typed into a date field.
error-bad-date = «{ $value }» no és una data: escriviu-la en la forma AAAA-MM-DD.
error-bad-month = «{ $value }» no és un mes: escriviu-lo en la forma AAAA-MM.
error-dates-reversed = La data d’inici és posterior a la data de finalització.
error-unknown-kind = «{ $value }» no és un tipus de contingut.
error-server-title = S’ha produït un error
error-server-text = No es pot mostrar la pàgina per un problema en aquest servidor. Torneu-ho a provar més tard.

## Public site

footer-follow = Seguiu-nos
footer-feed-news = Canal de notícies (RSS)
footer-feed-events = Esdeveniments al vostre calendari (iCalendar)
footer-feed-documents = Canal de documents (RSS)
error-bad-request-text = Aquesta adreça demana una cosa que aquest lloc no pot mostrar. Comproveu l’enllaç, o torneu a començar des de la pàgina d’inici.
error-search-too-long = La cerca és massa llarga: feu servir 200 caràcters com a màxim.
