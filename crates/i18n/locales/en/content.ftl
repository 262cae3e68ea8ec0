# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = News
kind-news-plural = News
kind-event = Event
kind-event-plural = Events
kind-document = Document
kind-document-plural = Documents
# A short post, such as a Mastodon status.
kind-note = Post
kind-note-plural = Posts
kind-video = Video
kind-video-plural = Videos

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = By { $author } ({ $handle }) · published { $date }
item-byline-updated = By { $author } ({ $handle }) · published { $date } · updated { $updated }
# Who published an item; $author is the account's name (a link).
item-by = By { $author }
item-published = Published { $date }
item-updated = Updated { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Languages
item-tags = Tags
item-files = Files
item-attachments = Attachments
item-pinned = Pinned
list-empty = Nothing here yet.
list-tag-heading = Tagged #{ $tag }

## Events

event-when = When:
event-where = Where:
event-online = Online:
event-join-online = Join online
event-map = Map
event-open-map = Open in OpenStreetMap
event-add-to-calendar = Add to calendar
event-status-scheduled = Scheduled
event-status-cancelled = Cancelled
event-status-postponed = Postponed
event-list-upcoming = Upcoming
event-list-past = Past

## Policy documents

document-version = Version
# $version as the city numbers it: "2", "2.1".
document-version-number = Version { $version }
document-licence = Licence
document-adopted-on = Adopted on { $date }
document-history = History
document-version-history = Version history
document-summary = Version { $version } · licence { $licence } · adopted { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, version { $number }
document-revision-of = Version { $number } of { $document }, { $date }.
# The link text for $document above.
document-this-document = this document
# $size is a file size written by the program: "1.2 MB".
document-download = Download ({ $size })
document-checksum = Checksum (SHA-256)

## Accounts

profile-follow = Follow
profile-follow-how = Search for { $handle } in Mastodon or any other fediverse app to follow this account.
profile-followers =
    { $count ->
        [one] { $count } follower
       *[other] { $count } followers
    }
profile-website = Website
profile-contact = Contact
# The description of an account's page for search engines and link previews.
profile-description = { $name } on the fediverse: { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = Subscribe:
feed-subscribe-calendar = Subscribe in your calendar app:
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } from { $site }
feed-calendar-name = { $site } – events
feed-network-title = { $site } – network
feed-network-calendar-name = { $site } – network events

## Public site

# The label of a document's adoption date.
document-adopted = Adopted
# Beside the version in force, in a document's history.
document-current = current version
# The (hidden) heading of a document's facts: version, adoption, licence, files.
document-details = About this document
# The (hidden) heading of an event's facts: when, where, online.
event-details = Practical information
# Instead of times, for an event that lasts the whole day.
event-all-day = All day
# An event over several days, beside its first day. $date is a date-medium.
event-until = Until { $date }
# Instead of a place, for an event that happens online only.
event-online-only = Online
event-cancelled-note = This event will not take place.
event-postponed-note = This event is postponed: a new date will be announced.
# Beside the title of an event that is over.
event-ended = This event is over
# Before the names of the other languages an item is written in.
item-also-in = Also in:
# The heading of an account's pinned items.
profile-pinned = Pinned
# The heading of what an account published.
profile-published = Published by this account
# A link to a list's RSS feed, for people who use a feed reader.
feed-reader-link = Follow in a feed reader (RSS)
# A link to an iCalendar feed, which calendar apps subscribe to.
feed-calendar-link = Add to your calendar app
