# Français, vouvoiement. Espace insécable (U+00A0) avant « : » et à l'intérieur
# des guillemets « », espace fine insécable (U+202F) avant ; ? !
# Le premier du mois s'écrit « 1er » (day-in-date).
#
# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Réseau
network-nav-news = Dernières publications
network-nav-calendar = Agenda
network-nav-library = Politiques publiques
network-nav-search = Rechercher
network-nav-cities = Villes
network-news-heading = Actualités du réseau
network-library-heading = Bibliothèque des politiques publiques
network-search-heading = Rechercher dans le réseau

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = partagé par { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } de { $city } par { $author } · publié le { $date }
network-read-on = Lire sur { $city }
network-calendar-ics = Agenda du réseau (.ics)
network-older = Contenus plus anciens

## Cities

network-cities-title = Villes
network-cities-heading = Villes du réseau
network-cities-empty = Ce site ne suit encore personne et personne ne le suit.
network-city-items = Contenus recueillis
network-city-last-published = Dernière publication
network-city-nothing-yet = rien pour le moment
network-city-delivery = Acheminement
network-relation-mutual = abonnement réciproque
network-relation-following = nous la suivons
network-relation-follower-pending = nous suit ; notre demande d’abonnement est en attente
network-relation-pending = demande d’abonnement en attente
network-relation-follower = nous suit
network-delivery-ok = acheminement sans erreur
network-delivery-paused =
    { $count ->
        [one] envois suspendus jusqu’au { $date } après { $count } échec
       *[other] envois suspendus jusqu’au { $date } après { $count } échecs
    }
network-delivery-failed =
    { $count ->
        [one] { $count } envoi en échec
       *[other] { $count } envois en échec
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } échec récent
       *[other] { $count } échecs récents
    }
network-delivery-last-error = dernière erreur : { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } envoi en attente
       *[other] { $count } envois en attente
    }

## Search form

search-label = Rechercher
search-words = Mots
search-city = Ville
search-city-any = Toutes les villes
search-kind = Type
search-kind-any = Tous les types
search-tag = Mot-clé
search-language = Langue
search-language-any = Toutes les langues
search-from-date = Du
search-to-date = Au
search-submit = Afficher
search-clear = Effacer les filtres
search-results-label = Résultats
search-results =
    { $count ->
        [0] Aucun résultat
        [one] { $count } résultat
       *[other] { $count } résultats
    }
search-no-match = Aucun contenu ne correspond.

## Pages of results

pager-label = Pages
pager-previous = Page précédente
pager-next = Page suivante
pager-page = Page { $number }
pager-page-of = Page { $number } sur { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Agenda du réseau, { $month }
calendar-heading = Agenda du réseau : { $month }
calendar-months = Mois
calendar-previous-month = Mois précédent
calendar-next-month = Mois suivant
calendar-today = Aujourd’hui
calendar-no-events = Aucun événement ce mois-ci.
calendar-events =
    { $count ->
        [0] Aucun événement
        [one] { $count } événement
       *[other] { $count } événements
    }
calendar-feed-title = Événements du réseau (iCalendar)
calendar-feed-link = événements du réseau (.ics)

## Public site

network-news-intro = Ce que publient cette ville et les villes qu’elle suit, du plus récent au plus ancien.
network-library-intro = Les documents de toutes les villes du réseau : chartes, plans et règlements, avec leurs versions.
network-search-intro = Cherchez dans tout ce que publient les villes du réseau, dans toutes les langues.
network-calendar-intro = Les événements du réseau, mois par mois.
network-cities-intro = Les villes que ce site suit, et celles qui le suivent.
search-filters = Plus de filtres
search-prompt = Saisissez un mot, ou choisissez un filtre.
search-results-many = Plus de { $count } résultats
pager-first = Première page
