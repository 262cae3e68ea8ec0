# Català, tractament de vós. "el dia …" davant les dates evita l'apostrofació
# ("l'1", "l'11"). Els mesos duen la preposició dins la data (month-name-in-date).
# Hores a la manera catalana: 16.00 h.
#
# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Xarxa
network-nav-news = Darreres publicacions
network-nav-calendar = Calendari
network-nav-library = Biblioteca de polítiques
network-nav-search = Cerca
network-nav-cities = Ciutats
network-news-heading = Notícies de la xarxa
network-library-heading = Biblioteca de polítiques públiques
network-search-heading = Cerca a la xarxa

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = compartit per { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } de { $city }, per { $author } · publicat el dia { $date }
network-read-on = Llegiu-lo a { $city }
network-calendar-ics = Calendari de la xarxa (.ics)
network-older = Continguts més antics

## Cities

network-cities-title = Ciutats
network-cities-heading = Ciutats de la xarxa
network-cities-empty = Aquest web encara no segueix ningú i ningú no el segueix.
network-city-items = Continguts recollits
network-city-last-published = Darrera publicació
network-city-nothing-yet = encara res
network-city-delivery = Lliurament
network-relation-mutual = se segueixen mútuament
network-relation-following = la seguim
network-relation-follower-pending = ens segueix; la nostra sol·licitud està pendent
network-relation-pending = sol·licitud de seguiment pendent
network-relation-follower = ens segueix
network-delivery-ok = els lliuraments funcionen
network-delivery-paused =
    { $count ->
        [one] { $count } error; lliuraments aturats fins al dia { $date }
       *[other] { $count } errors; lliuraments aturats fins al dia { $date }
    }
network-delivery-failed =
    { $count ->
        [one] { $count } lliurament fallit
       *[other] { $count } lliuraments fallits
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } error recent
       *[other] { $count } errors recents
    }
network-delivery-last-error = darrer error: { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } lliurament en espera
       *[other] { $count } lliuraments en espera
    }

## Search form

search-label = Cerca
search-words = Paraules
search-city = Ciutat
search-city-any = Totes les ciutats
search-kind = Tipus
search-kind-any = Tots els tipus
search-tag = Etiqueta
search-language = Llengua
search-language-any = Totes les llengües
search-from-date = Des del
search-to-date = Fins al
search-submit = Mostra
search-clear = Esborra els filtres
search-results-label = Resultats
search-results =
    { $count ->
        [0] Cap resultat
        [one] { $count } resultat
       *[other] { $count } resultats
    }
search-no-match = No hi ha cap coincidència.

## Pages of results

pager-label = Pàgines
pager-previous = Pàgina anterior
pager-next = Pàgina següent
pager-page = Pàgina { $number }
pager-page-of = Pàgina { $number } de { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Calendari de la xarxa, { $month }
calendar-heading = Calendari de la xarxa: { $month }
calendar-months = Mesos
calendar-previous-month = Mes anterior
calendar-next-month = Mes següent
calendar-today = Avui
calendar-no-events = No hi ha esdeveniments aquest mes.
calendar-events =
    { $count ->
        [0] Cap esdeveniment
        [one] { $count } esdeveniment
       *[other] { $count } esdeveniments
    }
calendar-feed-title = Esdeveniments de la xarxa (iCalendar)
calendar-feed-link = esdeveniments de la xarxa (.ics)

## Public site

network-news-intro = El que publiquen aquesta ciutat i les ciutats que segueix, de més nou a més antic.
network-library-intro = Els documents de totes les ciutats de la xarxa: cartes, plans i reglaments, amb les seves versions.
network-search-intro = Cerqueu en tot el que publiquen les ciutats de la xarxa, en totes les llengües.
network-calendar-intro = Els esdeveniments de la xarxa, mes a mes.
network-cities-intro = Les ciutats que aquest lloc segueix, i les que el segueixen.
search-filters = Més filtres
search-prompt = Escriviu una paraula per cercar, o trieu un filtre.
search-results-many = Més de { $count } resultats
pager-first = Primera pàgina
