# Italiano: istruzioni all'infinito o in forma impersonale, registro formale.
# "Pubblicato in data …" evita l'articolo davanti alla data ("l'8 dicembre").
#
# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Rete
network-nav-news = Ultime notizie
network-nav-calendar = Calendario
network-nav-library = Politiche pubbliche
network-nav-search = Cerca
network-nav-cities = Città
network-news-heading = Notizie dalla rete
network-library-heading = Biblioteca delle politiche pubbliche
network-search-heading = Cerca nella rete

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = condiviso da { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } da { $city }, di { $author } · pubblicato in data { $date }
network-read-on = Originale su { $city }
network-calendar-ics = Calendario della rete (.ics)
network-older = Contenuti meno recenti

## Cities

network-cities-title = Città
network-cities-heading = Città della rete
network-cities-empty = Questo sito non segue ancora nessuno e nessuno lo segue.
network-city-items = Contenuti raccolti
network-city-last-published = Ultima pubblicazione
network-city-nothing-yet = ancora nulla
network-city-delivery = Consegna
network-relation-mutual = si seguono a vicenda
network-relation-following = la seguiamo
network-relation-follower-pending = ci segue; la nostra richiesta è in attesa
network-relation-pending = richiesta di seguirla in attesa
network-relation-follower = ci segue
network-delivery-ok = consegne riuscite
network-delivery-paused =
    { $count ->
        [one] consegne sospese dopo { $count } errore, ripresa in data { $date }
       *[other] consegne sospese dopo { $count } errori, ripresa in data { $date }
    }
network-delivery-failed =
    { $count ->
        [one] { $count } consegna non riuscita
       *[other] { $count } consegne non riuscite
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } errore recente
       *[other] { $count } errori recenti
    }
network-delivery-last-error = ultimo errore: { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } consegna in attesa
       *[other] { $count } consegne in attesa
    }

## Search form

search-label = Cerca
search-words = Parole
search-city = Città
search-city-any = Tutte le città
search-kind = Tipo
search-kind-any = Tutti i tipi
search-tag = Tag
search-language = Lingua
search-language-any = Tutte le lingue
search-from-date = Dal
search-to-date = Al
search-submit = Mostra
search-clear = Azzera i filtri
search-results-label = Risultati
search-results =
    { $count ->
        [0] Nessun risultato
        [one] { $count } risultato
       *[other] { $count } risultati
    }
search-no-match = Nessun contenuto corrisponde alla ricerca.

## Pages of results

pager-label = Pagine
pager-previous = Pagina precedente
pager-next = Pagina successiva
pager-page = Pagina { $number }
pager-page-of = Pagina { $number } di { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Calendario della rete, { $month }
calendar-heading = Calendario della rete: { $month }
calendar-months = Mesi
calendar-previous-month = Mese precedente
calendar-next-month = Mese successivo
calendar-today = Oggi
calendar-no-events = Nessun evento questo mese.
calendar-events =
    { $count ->
        [0] Nessun evento
        [one] { $count } evento
       *[other] { $count } eventi
    }
calendar-feed-title = Eventi della rete (iCalendar)
calendar-feed-link = eventi della rete (.ics)

## Public site

network-news-intro = Ciò che pubblicano questa città e le città che segue, dal più recente.
network-library-intro = Gli atti di tutte le città della rete: carte, piani e regolamenti, con le loro versioni.
network-search-intro = Cercare in tutto ciò che pubblicano le città della rete, in tutte le lingue.
network-calendar-intro = Gli eventi della rete, mese per mese.
network-cities-intro = Le città che questo sito segue, e quelle che lo seguono.
search-filters = Altri filtri
search-prompt = Scrivere una parola da cercare, o scegliere un filtro.
search-results-many = Più di { $count } risultati
pager-first = Prima pagina
