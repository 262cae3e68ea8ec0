# Deutsch, Anrede mit „Sie“.
#
# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Netzwerk
network-nav-news = Neueste Beiträge
network-nav-calendar = Kalender
network-nav-library = Dokumentenbibliothek
network-nav-search = Suche
network-nav-cities = Städte
network-news-heading = Meldungen aus dem Netzwerk
network-library-heading = Dokumentenbibliothek
network-search-heading = Im Netzwerk suchen

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = geteilt von { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } aus { $city } von { $author } · veröffentlicht am { $date }
network-read-on = Auf { $city } lesen
network-calendar-ics = Netzwerkkalender (.ics)
network-older = Ältere Inhalte

## Cities

network-cities-title = Städte
network-cities-heading = Städte im Netzwerk
network-cities-empty = Diese Website folgt noch niemandem, und niemand folgt ihr.
network-city-items = Gesammelte Inhalte
network-city-last-published = Zuletzt veröffentlicht
network-city-nothing-yet = noch nichts
network-city-delivery = Zustellung
network-relation-mutual = folgen einander
network-relation-following = wir folgen ihr
network-relation-follower-pending = folgt uns; unsere Anfrage steht aus
network-relation-pending = Folgeanfrage steht aus
network-relation-follower = folgt uns
network-delivery-ok = Zustellung funktioniert
network-delivery-paused =
    { $count ->
        [one] Zustellung nach { $count } Fehlschlag bis zum { $date } ausgesetzt
       *[other] Zustellung nach { $count } Fehlschlägen bis zum { $date } ausgesetzt
    }
network-delivery-failed =
    { $count ->
        [one] { $count } fehlgeschlagene Zustellung
       *[other] { $count } fehlgeschlagene Zustellungen
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } Fehler in letzter Zeit
       *[other] { $count } Fehler in letzter Zeit
    }
network-delivery-last-error = letzter Fehler: { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } Zustellung wartet
       *[other] { $count } Zustellungen warten
    }

## Search form

search-label = Suche
search-words = Suchbegriffe
search-city = Stadt
search-city-any = Alle Städte
search-kind = Art
search-kind-any = Alle Arten
search-tag = Schlagwort
search-language = Sprache
search-language-any = Alle Sprachen
search-from-date = Von
search-to-date = Bis
search-submit = Anzeigen
search-clear = Filter zurücksetzen
search-results-label = Ergebnisse
search-results =
    { $count ->
        [0] Keine Ergebnisse
        [one] { $count } Ergebnis
       *[other] { $count } Ergebnisse
    }
search-no-match = Keine Treffer.

## Pages of results

pager-label = Seiten
pager-previous = Vorherige Seite
pager-next = Nächste Seite
pager-page = Seite { $number }
pager-page-of = Seite { $number } von { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Netzwerkkalender, { $month }
calendar-heading = Netzwerkkalender: { $month }
calendar-months = Monate
calendar-previous-month = Vorheriger Monat
calendar-next-month = Nächster Monat
calendar-today = Heute
calendar-no-events = Keine Veranstaltungen in diesem Monat.
calendar-events =
    { $count ->
        [0] Keine Veranstaltungen
        [one] { $count } Veranstaltung
       *[other] { $count } Veranstaltungen
    }
calendar-feed-title = Veranstaltungen im Netzwerk (iCalendar)
calendar-feed-link = Veranstaltungen im Netzwerk (.ics)

## Public site

network-news-intro = Was diese Stadt und die Städte, denen sie folgt, veröffentlichen – das Neueste zuerst.
network-library-intro = Grundsatzdokumente aller Städte im Netzwerk: Chartas, Pläne und Satzungen, mit ihren Fassungen.
network-search-intro = Durchsuchen Sie alles, was die Städte im Netzwerk veröffentlichen, in allen Sprachen.
network-calendar-intro = Veranstaltungen im Netzwerk, Monat für Monat.
network-cities-intro = Die Städte, denen diese Website folgt, und die, die ihr folgen.
search-filters = Weitere Filter
search-prompt = Geben Sie ein Wort ein oder wählen Sie einen Filter.
search-results-many = Mehr als { $count } Ergebnisse
pager-first = Erste Seite
