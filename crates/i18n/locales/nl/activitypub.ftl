# Nederlands, met 'u'.
#
# Lines the node writes into an item's ActivityPub text (its `summary`), in the
# language of that text. Mastodon shows only these lines and a link for events
# and documents, so they must stand on their own.

ap-event-cancelled = Afgelast.
ap-event-postponed = Uitgesteld.
# $when is written by time-range-* and time-zone (time.ftl).
ap-event-when = Wanneer: { $when }
# $place is the place's name, and its address when it has one.
ap-event-where = Waar: { $place }
ap-event-online = Online: { $url }
# The name of the link to an online event.
ap-event-online-link = Online
# $licence is an SPDX identifier ("CC-BY-4.0"); $date is written by date-medium.
ap-document-summary = Versie { $version } · { $licence } · vastgesteld op { $date }
# The names of an account's profile fields.
ap-profile-website = Website
ap-profile-contact = Contact
