# Shqip standard, me "ju" (trajtim zyrtar), si në faqet e Bashkisë së Tiranës.
#
# Lines the node writes into an item's ActivityPub text (its `summary`), in the
# language of that text. Mastodon shows only these lines and a link for events
# and documents, so they must stand on their own.

ap-event-cancelled = E anuluar.
ap-event-postponed = E shtyrë.
# $when is written by time-range-* and time-zone (time.ftl).
ap-event-when = Kur: { $when }
# $place is the place's name, and its address when it has one.
ap-event-where = Ku: { $place }
ap-event-online = Në internet: { $url }
# The name of the link to an online event.
ap-event-online-link = Në internet
# $licence is an SPDX identifier ("CC-BY-4.0"); $date is written by date-medium.
ap-document-summary = Versioni { $version } · { $licence } · miratuar më { $date }
# The names of an account's profile fields.
ap-profile-website = Faqja e internetit
ap-profile-contact = Kontakt
