# Nederlands, met 'u'.
#
# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = Nieuwsbericht
kind-news-plural = Nieuws
kind-event = Evenement
kind-event-plural = Evenementen
kind-document = Document
kind-document-plural = Documenten
# A short post, such as a Mastodon status.
kind-note = Bericht
kind-note-plural = Berichten
kind-video = Video
kind-video-plural = Video’s

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = Door { $author } ({ $handle }) · gepubliceerd op { $date }
item-byline-updated = Door { $author } ({ $handle }) · gepubliceerd op { $date } · bijgewerkt op { $updated }
item-by = Door { $author }
item-published = Gepubliceerd op { $date }
item-updated = Bijgewerkt op { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Talen
item-tags = Trefwoorden
item-files = Bestanden
item-attachments = Bijlagen
item-pinned = Vastgezet
list-empty = Hier staat nog niets.
list-tag-heading = Met trefwoord #{ $tag }

## Events

event-when = Wanneer:
event-where = Waar:
event-online = Online:
event-join-online = Online deelnemen
event-map = Kaart
event-open-map = Openen in OpenStreetMap
event-add-to-calendar = Toevoegen aan agenda
event-status-scheduled = Gepland
event-status-cancelled = Afgelast
event-status-postponed = Uitgesteld
event-list-upcoming = Binnenkort
event-list-past = Afgelopen

## Policy documents

document-version = Versie
# $version as the city numbers it: "2", "2.1".
document-version-number = Versie { $version }
document-licence = Licentie
document-adopted-on = Vastgesteld op { $date }
document-history = Geschiedenis
document-version-history = Versiegeschiedenis
document-summary = Versie { $version } · licentie { $licence } · vastgesteld op { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, versie { $number }
document-revision-of = Versie { $number } van { $document }, { $date }.
# The link text for $document above.
document-this-document = dit document
# $size is a file size written by the program: "1.2 MB".
document-download = Downloaden ({ $size })
document-checksum = Controlegetal (SHA-256)

## Accounts

profile-follow = Volgen
profile-follow-how = Zoek in Mastodon of een andere fediverse-app naar { $handle } om dit account te volgen.
profile-followers =
    { $count ->
        [one] { $count } volger
       *[other] { $count } volgers
    }
profile-website = Website
profile-contact = Contact
# The description of an account's page for search engines and link previews.
profile-description = { $name } in de fediverse: { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = Abonneren:
feed-subscribe-calendar = Abonneren in uw agenda-app:
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } van { $site }
feed-calendar-name = { $site } – evenementen
feed-network-title = { $site } – netwerk
feed-network-calendar-name = { $site } – evenementen in het netwerk

## Public site

document-adopted = Vastgesteld
document-current = geldende versie
document-details = Over dit document
event-details = Praktische informatie
event-all-day = Hele dag
event-until = Tot { $date }
event-online-only = Online
event-cancelled-note = Dit evenement gaat niet door.
event-postponed-note = Dit evenement is uitgesteld: een nieuwe datum volgt.
event-ended = Dit evenement is voorbij
item-also-in = Ook beschikbaar in:
profile-pinned = Vastgezet
profile-published = Gepubliceerd door dit account
feed-reader-link = Volgen in een feedlezer (RSS)
feed-calendar-link = Toevoegen aan uw agenda
