# Español de España, tratamiento de usted.
#
# Lines the node writes into an item's ActivityPub text (its `summary`), in the
# language of that text. Mastodon shows only these lines and a link for events
# and documents, so they must stand on their own.

ap-event-cancelled = Cancelado.
ap-event-postponed = Aplazado.
# $when is written by time-range-* and time-zone (time.ftl).
ap-event-when = Cuándo: { $when }
# $place is the place's name, and its address when it has one.
ap-event-where = Dónde: { $place }
ap-event-online = En línea: { $url }
# The name of the link to an online event.
ap-event-online-link = En línea
# $licence is an SPDX identifier ("CC-BY-4.0"); $date is written by date-medium.
ap-document-summary = Versión { $version } · { $licence } · aprobado el { $date }
# The names of an account's profile fields.
ap-profile-website = Sitio web
ap-profile-contact = Contacto
