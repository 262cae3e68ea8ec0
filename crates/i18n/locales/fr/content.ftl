# Français, vouvoiement. Espace insécable (U+00A0) avant « : » et à l'intérieur
# des guillemets « », espace fine insécable (U+202F) avant ; ? !
# Le premier du mois s'écrit « 1er » (day-in-date).
#
# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = Actualité
kind-news-plural = Actualités
kind-event = Événement
kind-event-plural = Événements
kind-document = Document
kind-document-plural = Documents
# A short post, such as a Mastodon status.
kind-note = Message
kind-note-plural = Messages
kind-video = Vidéo
kind-video-plural = Vidéos

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = Par { $author } ({ $handle }) · publié le { $date }
item-byline-updated = Par { $author } ({ $handle }) · publié le { $date } · mis à jour le { $updated }
item-by = Par { $author }
item-published = Publié le { $date }
item-updated = Mis à jour le { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Langues
item-tags = Mots-clés
item-files = Fichiers
item-attachments = Pièces jointes
item-pinned = Épinglé
list-empty = Rien pour le moment.
list-tag-heading = Mot-clé #{ $tag }

## Events

event-when = Quand :
event-where = Où :
event-online = En ligne :
event-join-online = Participer en ligne
event-map = Carte
event-open-map = Ouvrir dans OpenStreetMap
event-add-to-calendar = Ajouter à votre agenda
event-status-scheduled = Prévu
event-status-cancelled = Annulé
event-status-postponed = Reporté
event-list-upcoming = À venir
event-list-past = Passés

## Policy documents

document-version = Version
# $version as the city numbers it: "2", "2.1".
document-version-number = Version { $version }
document-licence = Licence
document-adopted-on = Adopté le { $date }
document-history = Historique
document-version-history = Historique des versions
document-summary = Version { $version } · licence { $licence } · adopté le { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, version { $number }
document-revision-of = Version { $number } de { $document }, du { $date }.
# The link text for $document above.
document-this-document = ce document
# $size is a file size written by the program: "1.2 MB".
document-download = Télécharger ({ $size })
document-checksum = Somme de contrôle (SHA-256)

## Accounts

profile-follow = Suivre
profile-follow-how = Recherchez { $handle } dans Mastodon ou toute autre application du fédivers pour suivre ce compte.
profile-followers =
    { $count ->
        [one] { $count } abonné
       *[other] { $count } abonnés
    }
profile-website = Site web
profile-contact = Contact
# The description of an account's page for search engines and link previews.
profile-description = { $name } sur le fédivers : { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = S’abonner :
feed-subscribe-calendar = S’abonner dans votre application d’agenda :
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } de { $site }
feed-calendar-name = { $site } – événements
feed-network-title = { $site } – réseau
feed-network-calendar-name = { $site } – événements du réseau

## Public site

document-adopted = Date d’adoption
document-current = version en vigueur
document-details = À propos de ce document
event-details = Informations pratiques
event-all-day = Toute la journée
event-until = Jusqu’au { $date }
event-online-only = En ligne
event-cancelled-note = Cet événement n’aura pas lieu.
event-postponed-note = Cet événement est reporté : une nouvelle date sera annoncée.
event-ended = Cet événement est terminé
item-also-in = Aussi en :
profile-pinned = Épinglés
profile-published = Publié par ce compte
feed-reader-link = Suivre dans un lecteur de flux (RSS)
feed-calendar-link = Ajouter à votre agenda
