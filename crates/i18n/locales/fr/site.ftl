# Français, vouvoiement. Espace insécable (U+00A0) avant « : » et à l'intérieur
# des guillemets « », espace fine insécable (U+202F) avant ; ? !
# Le premier du mois s'écrit « 1er » (day-in-date).
#
# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Aller au contenu
# The aria-label of the main menu.
site-nav-label = Menu principal
nav-home = Accueil
nav-news = Actualités
nav-events = Agenda
nav-documents = Documents
nav-network = Réseau
nav-about = À propos
nav-contact = Contact
nav-privacy = Confidentialité
nav-accessibility = Déclaration d’accessibilité
# The label of the language switcher.
nav-language = Langue
footer-software = Publié avec civicpub, logiciel libre sous licence AGPL.
footer-no-tracking = Ce site ne dépose aucun cookie et ne charge rien depuis d’autres serveurs.

## Home page

home-latest-news = Dernières actualités
home-upcoming-events = Prochains événements
home-documents = Documents officiels
home-follow = Suivre
home-follow-intro = Suivez ces comptes depuis Mastodon ou toute autre application du fédivers : recherchez l’identifiant dans votre application.
home-no-news = Aucune actualité pour le moment.
home-no-events = Aucun événement à venir.
home-no-documents = Aucun document pour le moment.
home-no-accounts = Ce site n’a pas encore de compte.
home-all-news = Toutes les actualités
home-all-events = Tous les événements
home-all-documents = Tous les documents

## Error pages

error-not-found-title = Page introuvable
error-not-found-heading = Page introuvable
error-not-found-text = Il n’y a rien à cette adresse.
error-gone-title = Supprimé
error-gone-heading = Ce contenu a été supprimé
error-gone-text = La ville a supprimé ce qui était publié ici.
error-home-link = Retourner à la page d’accueil
error-bad-request-title = Requête incorrecte
error-bad-request-heading = Cette demande ne peut pas aboutir
# $value is what was typed into a date field.
error-bad-date = « { $value } » n’est pas une date : écrivez-la sous la forme AAAA-MM-JJ.
error-bad-month = « { $value } » n’est pas un mois : écrivez-le sous la forme AAAA-MM.
error-dates-reversed = La date de début est postérieure à la date de fin.
error-unknown-kind = « { $value } » n’est pas un type de contenu.
error-server-title = Une erreur s’est produite
error-server-text = La page ne peut pas être affichée en raison d’un problème sur ce serveur. Veuillez réessayer plus tard.

## Public site

footer-follow = Suivre
footer-feed-news = Flux des actualités (RSS)
footer-feed-events = Les événements dans votre agenda (iCalendar)
footer-feed-documents = Flux des documents (RSS)
error-bad-request-text = Cette adresse demande quelque chose que ce site ne peut pas afficher. Vérifiez le lien, ou repartez de la page d’accueil.
error-search-too-long = La recherche est trop longue : 200 caractères au plus.
