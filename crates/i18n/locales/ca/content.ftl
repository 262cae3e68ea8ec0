# Català, tractament de vós. "el dia …" davant les dates evita l'apostrofació
# ("l'1", "l'11"). Els mesos duen la preposició dins la data (month-name-in-date).
# Hores a la manera catalana: 16.00 h.
#
# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = Notícia
kind-news-plural = Notícies
kind-event = Esdeveniment
kind-event-plural = Esdeveniments
kind-document = Document
kind-document-plural = Documents
# A short post, such as a Mastodon status.
kind-note = Publicació
kind-note-plural = Publicacions
kind-video = Vídeo
kind-video-plural = Vídeos

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = Per { $author } ({ $handle }) · publicat el dia { $date }
item-byline-updated = Per { $author } ({ $handle }) · publicat el dia { $date } · actualitzat el dia { $updated }
item-by = Per { $author }
item-published = Publicat el dia { $date }
item-updated = Actualitzat el dia { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Llengües
item-tags = Etiquetes
item-files = Fitxers
item-attachments = Adjunts
item-pinned = Fixat
list-empty = Encara no hi ha res.
list-tag-heading = Etiqueta #{ $tag }

## Events

event-when = Quan:
event-where = On:
event-online = En línia:
event-join-online = Participeu-hi en línia
event-map = Mapa
event-open-map = Vegeu-lo a OpenStreetMap
event-add-to-calendar = Afegiu-lo al calendari
event-status-scheduled = Previst
event-status-cancelled = Cancel·lat
event-status-postponed = Ajornat
event-list-upcoming = Propers
event-list-past = Passats

## Policy documents

document-version = Versió
# $version as the city numbers it: "2", "2.1".
document-version-number = Versió { $version }
document-licence = Llicència
document-adopted-on = Aprovat el dia { $date }
document-history = Historial
document-version-history = Historial de versions
document-summary = Versió { $version } · llicència { $licence } · aprovat el dia { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, versió { $number }
document-revision-of = Versió { $number } d’{ $document }, { $date }.
# The link text for $document above.
document-this-document = aquest document
# $size is a file size written by the program: "1.2 MB".
document-download = Baixeu-lo ({ $size })
document-checksum = Suma de verificació (SHA-256)

## Accounts

profile-follow = Seguiu aquest compte
profile-follow-how = Cerqueu { $handle } a Mastodon o a qualsevol altra aplicació del fedivers per seguir aquest compte.
profile-followers =
    { $count ->
        [one] { $count } seguidor
       *[other] { $count } seguidors
    }
profile-website = Lloc web
profile-contact = Contacte
# The description of an account's page for search engines and link previews.
profile-description = { $name } al fedivers: { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = Subscripció:
feed-subscribe-calendar = Subscriviu-vos-hi des de la vostra aplicació de calendari:
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } de { $site }
feed-calendar-name = { $site } – esdeveniments
feed-network-title = { $site } – xarxa
feed-network-calendar-name = { $site } – esdeveniments de la xarxa

## Public site

document-adopted = Aprovació
document-current = versió vigent
document-details = Sobre aquest document
event-details = Informació pràctica
event-all-day = Tot el dia
event-until = Fins al { $date }
event-online-only = En línia
event-cancelled-note = Aquest esdeveniment no es farà.
event-postponed-note = Aquest esdeveniment s’ha ajornat: s’anunciarà una nova data.
event-ended = Aquest esdeveniment ja ha acabat
item-also-in = També en:
profile-pinned = Fixats
profile-published = Publicat per aquest compte
feed-reader-link = Seguiu-ho en un lector de canals (RSS)
feed-calendar-link = Afegiu-ho al vostre calendari
