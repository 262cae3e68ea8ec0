# Shqip standard, me "ju" (trajtim zyrtar), si në faqet e Bashkisë së Tiranës.
#
# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = Lajm
kind-news-plural = Lajme
kind-event = Ngjarje
kind-event-plural = Ngjarje
kind-document = Dokument
kind-document-plural = Dokumente
# A short post, such as a Mastodon status.
kind-note = Postim
kind-note-plural = Postime
kind-video = Video
kind-video-plural = Video

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = Nga { $author } ({ $handle }) · publikuar më { $date }
item-byline-updated = Nga { $author } ({ $handle }) · publikuar më { $date } · përditësuar më { $updated }
item-by = Nga { $author }
item-published = Publikuar më { $date }
item-updated = Përditësuar më { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Gjuhët
item-tags = Etiketat
item-files = Skedarët
item-attachments = Bashkëngjitjet
item-pinned = E fiksuar
list-empty = Ende nuk ka asgjë këtu.
list-tag-heading = Etiketa #{ $tag }

## Events

event-when = Kur:
event-where = Ku:
event-online = Në internet:
event-join-online = Merrni pjesë në internet
event-map = Harta
event-open-map = Hapeni në OpenStreetMap
event-add-to-calendar = Shtojeni në kalendar
event-status-scheduled = E planifikuar
event-status-cancelled = E anuluar
event-status-postponed = E shtyrë
event-list-upcoming = Të ardhshme
event-list-past = Të kaluara

## Policy documents

document-version = Versioni
# $version as the city numbers it: "2", "2.1".
document-version-number = Versioni { $version }
document-licence = Licenca
document-adopted-on = Miratuar më { $date }
document-history = Historiku
document-version-history = Historiku i versioneve
document-summary = Versioni { $version } · licenca { $licence } · miratuar më { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, versioni { $number }
document-revision-of = Versioni { $number } i { $document }, { $date }.
# The link text for $document above.
document-this-document = këtij dokumenti
# $size is a file size written by the program: "1.2 MB".
document-download = Shkarkojeni ({ $size })
document-checksum = Shuma e kontrollit (SHA-256)

## Accounts

profile-follow = Ndiqeni
profile-follow-how = Kërkoni { $handle } në Mastodon ose në çdo aplikacion tjetër të fediversit për ta ndjekur këtë llogari.
profile-followers =
    { $count ->
        [one] { $count } ndjekës
       *[other] { $count } ndjekës
    }
profile-website = Faqja e internetit
profile-contact = Kontakt
# The description of an account's page for search engines and link previews.
profile-description = { $name } në fedivers: { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = Abonohuni:
feed-subscribe-calendar = Abonohuni në aplikacionin tuaj të kalendarit:
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } nga { $site }
feed-calendar-name = { $site } – ngjarje
feed-network-title = { $site } – rrjeti
feed-network-calendar-name = { $site } – ngjarjet e rrjetit

## Public site

document-adopted = Miratuar më
document-current = versioni në fuqi
document-details = Për këtë dokument
event-details = Informacion praktik
event-all-day = Gjithë ditën
event-until = Deri më { $date }
event-online-only = Në internet
event-cancelled-note = Kjo ngjarje nuk do të zhvillohet.
event-postponed-note = Kjo ngjarje është shtyrë: data e re do të njoftohet.
event-ended = Kjo ngjarje ka përfunduar
item-also-in = Edhe në:
profile-pinned = Të fiksuara
profile-published = Botuar nga kjo llogari
feed-reader-link = Ndiqeni në një lexues burimesh (RSS)
feed-calendar-link = Shtojeni në kalendarin tuaj
