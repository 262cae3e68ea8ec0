# Nederlands, met 'u'.
#
# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Naar de inhoud
# The aria-label of the main menu.
site-nav-label = Hoofdmenu
nav-home = Home
nav-news = Nieuws
nav-events = Agenda
nav-documents = Documenten
nav-network = Netwerk
nav-about = Over ons
nav-contact = Contact
nav-privacy = Privacy
nav-accessibility = Toegankelijkheidsverklaring
# The label of the language switcher.
nav-language = Taal
footer-software = Gepubliceerd met civicpub, vrije software onder de AGPL.
footer-no-tracking = Deze website plaatst geen cookies en laadt niets van andere servers.

## Home page

home-latest-news = Laatste nieuws
home-upcoming-events = Komende evenementen
home-documents = Beleidsdocumenten
home-follow = Volgen
home-follow-intro = Volg deze accounts vanuit Mastodon of een andere fediverse-app: zoek in uw app naar de gebruikersnaam.
home-no-news = Nog geen nieuws.
home-no-events = Geen komende evenementen.
home-no-documents = Nog geen documenten.
home-no-accounts = Deze website heeft nog geen accounts.
home-all-news = Al het nieuws
home-all-events = Alle evenementen
home-all-documents = Alle documenten

## Error pages

error-not-found-title = Niet gevonden
error-not-found-heading = Pagina niet gevonden
error-not-found-text = Op dit adres staat niets.
error-gone-title = Verwijderd
error-gone-heading = Dit is verwijderd
error-gone-text = De gemeente heeft verwijderd wat hier gepubliceerd was.
error-home-link = Naar de startpagina
error-bad-request-title = Ongeldig verzoek
error-bad-request-heading = Dit verzoek kan niet worden beantwoord
# $value is what was typed into a date field.
error-bad-date = ‘{ $value }’ is geen datum: schrijf die als JJJJ-MM-DD.
error-bad-month = ‘{ $value }’ is geen maand: schrijf die als JJJJ-MM.
error-dates-reversed = De begindatum ligt na de einddatum.
error-unknown-kind = ‘{ $value }’ is geen soort item.
error-server-title = Er ging iets mis
error-server-text = De pagina kan niet worden getoond door een probleem op deze server. Probeert u het later opnieuw.

## Public site

footer-follow = Volgen
footer-feed-news = Nieuwsfeed (RSS)
footer-feed-events = Evenementen in uw agenda (iCalendar)
footer-feed-documents = Feed van beleidsdocumenten (RSS)
error-bad-request-text = Dit adres vraagt om iets wat deze site niet kan tonen. Controleer de link, of begin opnieuw op de startpagina.
error-search-too-long = De zoekopdracht is te lang: gebruik hoogstens 200 tekens.
