# Italiano: istruzioni all'infinito o in forma impersonale, registro formale.
# "Pubblicato in data …" evita l'articolo davanti alla data ("l'8 dicembre").
#
# Lines the node writes into an item's ActivityPub text (its `summary`), in the
# language of that text. Mastodon shows only these lines and a link for events
# and documents, so they must stand on their own.

ap-event-cancelled = Annullato.
ap-event-postponed = Rinviato.
# $when is written by time-range-* and time-zone (time.ftl).
ap-event-when = Quando: { $when }
# $place is the place's name, and its address when it has one.
ap-event-where = Dove: { $place }
ap-event-online = Online: { $url }
# The name of the link to an online event.
ap-event-online-link = Online
# $licence is an SPDX identifier ("CC-BY-4.0"); $date is written by date-medium.
ap-document-summary = Versione { $version } · { $licence } · adottato in data { $date }
# The names of an account's profile fields.
ap-profile-website = Sito web
ap-profile-contact = Contatti
