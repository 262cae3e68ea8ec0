# Deutsch, Anrede mit „Sie“.
#
# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Zum Inhalt springen
# The aria-label of the main menu.
site-nav-label = Hauptmenü
nav-home = Startseite
nav-news = Aktuelles
nav-events = Veranstaltungen
nav-documents = Dokumente
nav-network = Netzwerk
nav-about = Über uns
nav-contact = Kontakt
nav-privacy = Datenschutz
nav-accessibility = Erklärung zur Barrierefreiheit
# The label of the language switcher.
nav-language = Sprache
footer-software = Veröffentlicht mit civicpub, freier Software unter der AGPL.
footer-no-tracking = Diese Website setzt keine Cookies und lädt nichts von anderen Servern.

## Home page

home-latest-news = Neueste Meldungen
home-upcoming-events = Kommende Veranstaltungen
home-documents = Amtliche Dokumente
home-follow = Folgen
home-follow-intro = Folgen Sie diesen Konten von Mastodon oder einer anderen Fediverse-App aus: Suchen Sie in Ihrer App nach dem Benutzernamen.
home-no-news = Noch keine Meldungen.
home-no-events = Keine kommenden Veranstaltungen.
home-no-documents = Noch keine Dokumente.
home-no-accounts = Diese Website hat noch keine Konten.
home-all-news = Alle Meldungen
home-all-events = Alle Veranstaltungen
home-all-documents = Alle Dokumente

## Error pages

error-not-found-title = Nicht gefunden
error-not-found-heading = Seite nicht gefunden
error-not-found-text = Unter dieser Adresse gibt es nichts.
error-gone-title = Gelöscht
error-gone-heading = Dieser Inhalt wurde gelöscht
error-gone-text = Die Stadt hat gelöscht, was hier veröffentlicht war.
error-home-link = Zur Startseite
error-bad-request-title = Ungültige Anfrage
error-bad-request-heading = Diese Anfrage kann nicht beantwortet werden
# $value is what was typed into a date field.
error-bad-date = „{ $value }“ ist kein Datum: Bitte schreiben Sie es als JJJJ-MM-TT.
error-bad-month = „{ $value }“ ist kein Monat: Bitte schreiben Sie ihn als JJJJ-MM.
error-dates-reversed = Das Anfangsdatum liegt nach dem Enddatum.
error-unknown-kind = „{ $value }“ ist keine Art von Inhalt.
error-server-title = Etwas ist schiefgegangen
error-server-text = Die Seite kann wegen eines Problems auf diesem Server nicht angezeigt werden. Bitte versuchen Sie es später erneut.

## Public site

footer-follow = Folgen
footer-feed-news = Meldungen als Feed (RSS)
footer-feed-events = Veranstaltungen für Ihren Kalender (iCalendar)
footer-feed-documents = Dokumente als Feed (RSS)
error-bad-request-text = Diese Adresse verlangt etwas, das diese Website nicht zeigen kann. Prüfen Sie den Link oder beginnen Sie auf der Startseite neu.
error-search-too-long = Die Suche ist zu lang: höchstens 200 Zeichen.
