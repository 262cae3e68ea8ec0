# Nederlands, met 'u'.
#
# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Netwerk
network-nav-news = Laatste berichten
network-nav-calendar = Agenda
network-nav-library = Beleidsbibliotheek
network-nav-search = Zoeken
network-nav-cities = Steden
network-news-heading = Nieuws uit het netwerk
network-library-heading = Beleidsbibliotheek
network-search-heading = Zoeken in het netwerk

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = gedeeld door { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } van { $city } door { $author } · gepubliceerd op { $date }
network-read-on = Lezen op { $city }
network-calendar-ics = Netwerkagenda (.ics)
network-older = Oudere items

## Cities

network-cities-title = Steden
network-cities-heading = Steden in het netwerk
network-cities-empty = Deze website volgt nog niemand en wordt door niemand gevolgd.
network-city-items = Verzamelde items
network-city-last-published = Laatst gepubliceerd
network-city-nothing-yet = nog niets
network-city-delivery = Bezorging
network-relation-mutual = volgen elkaar
network-relation-following = door ons gevolgd
network-relation-follower-pending = volgt ons; ons verzoek is in behandeling
network-relation-pending = volgverzoek in behandeling
network-relation-follower = volgt ons
network-delivery-ok = bezorging lukt
network-delivery-paused =
    { $count ->
        [one] bezorging gepauzeerd tot { $date } na { $count } mislukte poging
       *[other] bezorging gepauzeerd tot { $date } na { $count } mislukte pogingen
    }
network-delivery-failed =
    { $count ->
        [one] { $count } mislukte bezorging
       *[other] { $count } mislukte bezorgingen
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } recente fout
       *[other] { $count } recente fouten
    }
network-delivery-last-error = laatste fout: { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } bezorging wacht
       *[other] { $count } bezorgingen wachten
    }

## Search form

search-label = Zoeken
search-words = Woorden
search-city = Stad
search-city-any = Alle steden
search-kind = Soort
search-kind-any = Alle soorten
search-tag = Trefwoord
search-language = Taal
search-language-any = Alle talen
search-from-date = Van
search-to-date = Tot en met
search-submit = Tonen
search-clear = Filters wissen
search-results-label = Resultaten
search-results =
    { $count ->
        [0] Geen resultaten
        [one] { $count } resultaat
       *[other] { $count } resultaten
    }
search-no-match = Niets gevonden.

## Pages of results

pager-label = Pagina’s
pager-previous = Vorige pagina
pager-next = Volgende pagina
pager-page = Pagina { $number }
pager-page-of = Pagina { $number } van { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Netwerkagenda, { $month }
calendar-heading = Netwerkagenda: { $month }
calendar-months = Maanden
calendar-previous-month = Vorige maand
calendar-next-month = Volgende maand
calendar-today = Vandaag
calendar-no-events = Geen evenementen deze maand.
calendar-events =
    { $count ->
        [0] Geen evenementen
        [one] { $count } evenement
       *[other] { $count } evenementen
    }
calendar-feed-title = Evenementen in het netwerk (iCalendar)
calendar-feed-link = evenementen in het netwerk (.ics)

## Public site

network-news-intro = Wat deze stad en de steden die ze volgt publiceren, het nieuwste eerst.
network-library-intro = Beleidsdocumenten van alle steden in het netwerk: handvesten, plannen en verordeningen, met hun versies.
network-search-intro = Zoek in alles wat de steden in het netwerk publiceren, in elke taal.
network-calendar-intro = Evenementen in het netwerk, per maand.
network-cities-intro = De steden die deze site volgt, en de steden die haar volgen.
search-filters = Meer zoekopties
search-prompt = Typ een woord om te zoeken, of kies een filter.
search-results-many = Meer dan { $count } resultaten
pager-first = Eerste pagina
