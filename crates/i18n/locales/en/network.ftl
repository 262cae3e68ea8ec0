# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Network
network-nav-news = Latest
network-nav-calendar = Calendar
network-nav-library = Policy library
network-nav-search = Search
network-nav-cities = Cities
network-news-heading = Network news
network-library-heading = Policy library
network-search-heading = Search the network

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = shared by { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } from { $city } by { $author } · published { $date }
network-read-on = Read it on { $city }
network-calendar-ics = Network calendar (.ics)
network-older = Older items

## Cities

network-cities-title = Cities
network-cities-heading = Cities in the network
network-cities-empty = This site follows no one yet, and no one follows it.
network-city-items = Items gathered
network-city-last-published = Last published
network-city-nothing-yet = nothing yet
network-city-delivery = Delivery
network-relation-mutual = follows each other
network-relation-following = followed
network-relation-follower-pending = follows us; our request is pending
network-relation-pending = follow request pending
network-relation-follower = follows us
network-delivery-ok = deliveries succeed
network-delivery-paused =
    { $count ->
        [one] deliveries paused until { $date } after { $count } failure
       *[other] deliveries paused until { $date } after { $count } failures
    }
network-delivery-failed =
    { $count ->
        [one] { $count } failed delivery
       *[other] { $count } failed deliveries
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } recent failure
       *[other] { $count } recent failures
    }
network-delivery-last-error = last error: { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } delivery waiting
       *[other] { $count } deliveries waiting
    }

## Search form

search-label = Search
search-words = Words
search-city = City
search-city-any = All cities
search-kind = Kind
search-kind-any = Any kind
search-tag = Tag
search-language = Language
search-language-any = Any language
search-from-date = From
search-to-date = To
search-submit = Show
search-clear = Clear the filters
search-results-label = Results
search-results =
    { $count ->
        [0] No results
        [one] { $count } result
       *[other] { $count } results
    }
search-no-match = Nothing matches.

## Pages of results

pager-label = Pages
pager-previous = Previous page
pager-next = Next page
pager-page = Page { $number }
pager-page-of = Page { $number } of { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Network calendar, { $month }
calendar-heading = Network calendar: { $month }
calendar-months = Months
calendar-previous-month = Previous month
calendar-next-month = Next month
calendar-today = Today
calendar-no-events = No events this month.
calendar-events =
    { $count ->
        [0] No events
        [one] { $count } event
       *[other] { $count } events
    }
calendar-feed-title = Network events (iCalendar)
calendar-feed-link = network events (.ics)

## Public site

# The line under the network pages' headings.
network-news-intro = What this city and the cities it follows publish, newest first.
network-library-intro = Policy documents from every city in the network: charters, plans and regulations, with their versions.
network-search-intro = Search everything the cities in the network publish, in every language.
network-calendar-intro = Events across the network, month by month.
network-cities-intro = The cities this site follows, and those that follow it.
# The button that opens the filters of a search.
search-filters = More filters
# The search page before anything is searched.
search-prompt = Type a word to search, or choose a filter.
# When a search finds more results than it counts; $count is that many.
search-results-many = More than { $count } results
# The link back to a list's first page.
pager-first = First page
