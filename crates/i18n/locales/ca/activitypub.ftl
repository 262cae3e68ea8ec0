# Català, tractament de vós. "el dia …" davant les dates evita l'apostrofació
# ("l'1", "l'11"). Els mesos duen la preposició dins la data (month-name-in-date).
# Hores a la manera catalana: 16.00 h.
#
# Lines the node writes into an item's ActivityPub text (its `summary`), in the
# language of that text. Mastodon shows only these lines and a link for events
# and documents, so they must stand on their own.

ap-event-cancelled = Cancel·lat.
ap-event-postponed = Ajornat.
# $when is written by time-range-* and time-zone (time.ftl).
ap-event-when = Quan: { $when }
# $place is the place's name, and its address when it has one.
ap-event-where = On: { $place }
ap-event-online = En línia: { $url }
# The name of the link to an online event.
ap-event-online-link = En línia
# $licence is an SPDX identifier ("CC-BY-4.0"); $date is written by date-medium.
ap-document-summary = Versió { $version } · { $licence } · aprovat el dia { $date }
# The names of an account's profile fields.
ap-profile-website = Lloc web
ap-profile-contact = Contacte
