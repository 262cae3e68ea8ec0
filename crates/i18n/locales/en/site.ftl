# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Skip to content
# The aria-label of the main menu.
site-nav-label = Site
nav-home = Home
nav-news = News
nav-events = Events
nav-documents = Documents
nav-network = Network
nav-about = About
nav-contact = Contact
nav-privacy = Privacy
nav-accessibility = Accessibility statement
# The label of the language switcher.
nav-language = Language
footer-software = Published with civicpub, free software under the AGPL.
footer-no-tracking = This site sets no cookies and loads nothing from other servers.

## Home page

home-latest-news = Latest news
home-upcoming-events = Upcoming events
home-documents = Policy documents
home-follow = Follow
home-follow-intro = Follow these accounts from Mastodon or any other fediverse app: search for the handle in your app.
home-no-news = No news yet.
home-no-events = No upcoming events.
home-no-documents = No documents yet.
home-no-accounts = This site has no accounts yet.
home-all-news = All news
home-all-events = All events
home-all-documents = All documents

## Error pages

error-not-found-title = Not found
error-not-found-heading = Page not found
error-not-found-text = There is nothing at this address.
error-gone-title = Deleted
error-gone-heading = This was deleted
error-gone-text = The city has deleted what was published here.
error-home-link = Go to the home page
error-bad-request-title = Bad request
error-bad-request-heading = This request cannot be answered
# $value is what was typed into a date field.
error-bad-date = “{ $value }” is not a date: write it as YYYY-MM-DD.
error-bad-month = “{ $value }” is not a month: write it as YYYY-MM.
error-dates-reversed = The start date is after the end date.
error-unknown-kind = “{ $value }” is not a kind of item.
error-server-title = Something went wrong
error-server-text = The page cannot be shown because of a problem on this server. Please try again later.

## Public site

# The footer's heading of the feeds.
footer-follow = Follow
footer-feed-news = News feed (RSS)
footer-feed-events = Events for your calendar (iCalendar)
footer-feed-documents = Policy documents feed (RSS)
error-bad-request-text = This address asks for something this site cannot show. Check the link, or start again from the home page.
error-search-too-long = The search is too long: use 200 characters at most.
