# Português europeu (pt-PT: regras de plural próprias, 0 é plural),
# tratamento formal na terceira pessoa.
#
# Lines the node writes into an item's ActivityPub text (its `summary`), in the
# language of that text. Mastodon shows only these lines and a link for events
# and documents, so they must stand on their own.

ap-event-cancelled = Cancelado.
ap-event-postponed = Adiado.
# $when is written by time-range-* and time-zone (time.ftl).
ap-event-when = Quando: { $when }
# $place is the place's name, and its address when it has one.
ap-event-where = Onde: { $place }
ap-event-online = Online: { $url }
# The name of the link to an online event.
ap-event-online-link = Online
# $licence is an SPDX identifier ("CC-BY-4.0"); $date is written by date-medium.
ap-document-summary = Versão { $version } · { $licence } · aprovado a { $date }
# The names of an account's profile fields.
ap-profile-website = Sítio web
ap-profile-contact = Contactos
