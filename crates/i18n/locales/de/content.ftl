# Deutsch, Anrede mit „Sie“.
#
# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = Meldung
kind-news-plural = Meldungen
kind-event = Veranstaltung
kind-event-plural = Veranstaltungen
kind-document = Dokument
kind-document-plural = Dokumente
# A short post, such as a Mastodon status.
kind-note = Beitrag
kind-note-plural = Beiträge
kind-video = Video
kind-video-plural = Videos

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = Von { $author } ({ $handle }) · veröffentlicht am { $date }
item-byline-updated = Von { $author } ({ $handle }) · veröffentlicht am { $date } · aktualisiert am { $updated }
item-by = Von { $author }
item-published = Veröffentlicht am { $date }
item-updated = Aktualisiert am { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Sprachen
item-tags = Schlagwörter
item-files = Dateien
item-attachments = Anhänge
item-pinned = Angeheftet
list-empty = Hier gibt es noch nichts.
list-tag-heading = Schlagwort #{ $tag }

## Events

event-when = Wann:
event-where = Wo:
event-online = Online:
event-join-online = Online teilnehmen
event-map = Karte
event-open-map = In OpenStreetMap öffnen
event-add-to-calendar = Zum Kalender hinzufügen
event-status-scheduled = Geplant
event-status-cancelled = Abgesagt
event-status-postponed = Verschoben
event-list-upcoming = Demnächst
event-list-past = Vergangen

## Policy documents

document-version = Version
# $version as the city numbers it: "2", "2.1".
document-version-number = Version { $version }
document-licence = Lizenz
document-adopted-on = Beschlossen am { $date }
document-history = Verlauf
document-version-history = Versionsverlauf
document-summary = Version { $version } · Lizenz { $licence } · beschlossen am { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, Version { $number }
document-revision-of = Version { $number } { $document } vom { $date }.
# The link text for $document above.
document-this-document = dieses Dokuments
# $size is a file size written by the program: "1.2 MB".
document-download = Herunterladen ({ $size })
document-checksum = Prüfsumme (SHA-256)

## Accounts

profile-follow = Folgen
profile-follow-how = Suchen Sie in Mastodon oder einer anderen Fediverse-App nach { $handle }, um diesem Konto zu folgen.
profile-followers =
    { $count ->
        [one] { $count } Follower
       *[other] { $count } Follower
    }
profile-website = Website
profile-contact = Kontakt
# The description of an account's page for search engines and link previews.
profile-description = { $name } im Fediverse: { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = Abonnieren:
feed-subscribe-calendar = In Ihrer Kalender-App abonnieren:
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } von { $site }
feed-calendar-name = { $site } – Veranstaltungen
feed-network-title = { $site } – Netzwerk
feed-network-calendar-name = { $site } – Veranstaltungen im Netzwerk

## Public site

document-adopted = Beschlossen am
document-current = geltende Fassung
document-details = Über dieses Dokument
event-details = Praktische Informationen
event-all-day = Ganztägig
event-until = Bis zum { $date }
event-online-only = Online
event-cancelled-note = Diese Veranstaltung findet nicht statt.
event-postponed-note = Diese Veranstaltung ist verschoben: Ein neuer Termin wird bekannt gegeben.
event-ended = Diese Veranstaltung ist vorbei
item-also-in = Auch auf:
profile-pinned = Angeheftet
profile-published = Von diesem Konto veröffentlicht
feed-reader-link = In einem Feedreader folgen (RSS)
feed-calendar-link = Zu Ihrem Kalender hinzufügen
