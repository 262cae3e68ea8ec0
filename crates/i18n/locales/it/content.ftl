# Italiano: istruzioni all'infinito o in forma impersonale, registro formale.
# "Pubblicato in data …" evita l'articolo davanti alla data ("l'8 dicembre").
#
# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = Notizia
kind-news-plural = Notizie
kind-event = Evento
kind-event-plural = Eventi
kind-document = Documento
kind-document-plural = Documenti
# A short post, such as a Mastodon status.
kind-note = Post
kind-note-plural = Post
kind-video = Video
kind-video-plural = Video

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = Di { $author } ({ $handle }) · pubblicato in data { $date }
item-byline-updated = Di { $author } ({ $handle }) · pubblicato in data { $date } · aggiornato in data { $updated }
item-by = A cura di { $author }
item-published = Pubblicato in data { $date }
item-updated = Aggiornato in data { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Lingue
item-tags = Tag
item-files = File
item-attachments = Allegati
item-pinned = In evidenza
list-empty = Non c’è ancora nulla.
list-tag-heading = Contenuti con il tag #{ $tag }

## Events

event-when = Quando:
event-where = Dove:
event-online = Online:
event-join-online = Partecipazione online
event-map = Mappa
event-open-map = Visualizza su OpenStreetMap
event-add-to-calendar = Aggiungi al calendario
event-status-scheduled = In programma
event-status-cancelled = Annullato
event-status-postponed = Rinviato
event-list-upcoming = In programma
event-list-past = Passati

## Policy documents

document-version = Versione
# $version as the city numbers it: "2", "2.1".
document-version-number = Versione { $version }
document-licence = Licenza
document-adopted-on = Adottato in data { $date }
document-history = Cronologia
document-version-history = Cronologia delle versioni
document-summary = Versione { $version } · licenza { $licence } · adottato in data { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, versione { $number }
document-revision-of = Versione { $number } di { $document }, { $date }.
# The link text for $document above.
document-this-document = questo documento
# $size is a file size written by the program: "1.2 MB".
document-download = Scarica ({ $size })
document-checksum = Codice di controllo (SHA-256)

## Accounts

profile-follow = Come seguire questo account
profile-follow-how = Per seguire questo account, cercare { $handle } in Mastodon o in qualsiasi altra app del fediverso.
profile-followers =
    { $count ->
        [one] { $count } follower
       *[other] { $count } follower
    }
profile-website = Sito web
profile-contact = Contatti
# The description of an account's page for search engines and link previews.
profile-description = { $name } nel fediverso: { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = Feed:
feed-subscribe-calendar = Per abbonarsi da un’app di calendario:
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } di { $site }
feed-calendar-name = { $site } – eventi
feed-network-title = { $site } – rete
feed-network-calendar-name = { $site } – eventi della rete

## Public site

document-adopted = Data di adozione
document-current = versione in vigore
document-details = Informazioni sul documento
event-details = Informazioni pratiche
event-all-day = Tutto il giorno
event-until = Fino al { $date }
event-online-only = Online
event-cancelled-note = Questo evento non si terrà.
event-postponed-note = Questo evento è rinviato: la nuova data sarà comunicata.
event-ended = Evento concluso
item-also-in = Disponibile anche in:
profile-pinned = In evidenza
profile-published = Pubblicati da questo account
feed-reader-link = Seguire con un lettore di feed (RSS)
feed-calendar-link = Aggiungere al calendario
