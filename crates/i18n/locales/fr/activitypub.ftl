# Français, vouvoiement. Espace insécable (U+00A0) avant « : » et à l'intérieur
# des guillemets « », espace fine insécable (U+202F) avant ; ? !
# Le premier du mois s'écrit « 1er » (day-in-date).
#
# Lines the node writes into an item's ActivityPub text (its `summary`), in the
# language of that text. Mastodon shows only these lines and a link for events
# and documents, so they must stand on their own.

ap-event-cancelled = Annulé.
ap-event-postponed = Reporté.
# $when is written by time-range-* and time-zone (time.ftl).
ap-event-when = Quand : { $when }
# $place is the place's name, and its address when it has one.
ap-event-where = Où : { $place }
ap-event-online = En ligne : { $url }
# The name of the link to an online event.
ap-event-online-link = En ligne
# $licence is an SPDX identifier ("CC-BY-4.0"); $date is written by date-medium.
ap-document-summary = Version { $version } · { $licence } · adopté le { $date }
# The names of an account's profile fields.
ap-profile-website = Site web
ap-profile-contact = Contact
