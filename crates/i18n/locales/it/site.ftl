# Italiano: istruzioni all'infinito o in forma impersonale, registro formale.
# "Pubblicato in data …" evita l'articolo davanti alla data ("l'8 dicembre").
#
# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Vai al contenuto
# The aria-label of the main menu.
site-nav-label = Menu principale
nav-home = Home
nav-news = Notizie
nav-events = Eventi
nav-documents = Documenti
nav-network = Rete
nav-about = Chi siamo
nav-contact = Contatti
nav-privacy = Informativa sulla privacy
nav-accessibility = Dichiarazione di accessibilità
# The label of the language switcher.
nav-language = Lingua
footer-software = Pubblicato con civicpub, software libero con licenza AGPL.
footer-no-tracking = Questo sito non usa cookie e non carica nulla da altri server.

## Home page

home-latest-news = Ultime notizie
home-upcoming-events = Prossimi eventi
home-documents = Documenti ufficiali
home-follow = Come seguirci
home-follow-intro = Questi account si possono seguire da Mastodon o da qualsiasi altra app del fediverso: basta cercarne il nome utente nell’app.
home-no-news = Non ci sono ancora notizie.
home-no-events = Nessun evento in programma.
home-no-documents = Non ci sono ancora documenti.
home-no-accounts = Questo sito non ha ancora account.
home-all-news = Tutte le notizie
home-all-events = Tutti gli eventi
home-all-documents = Tutti i documenti

## Error pages

error-not-found-title = Pagina non trovata
error-not-found-heading = Pagina non trovata
error-not-found-text = A questo indirizzo non c’è nulla.
error-gone-title = Eliminato
error-gone-heading = Questo contenuto è stato eliminato
error-gone-text = Il Comune ha eliminato quanto era pubblicato qui.
error-home-link = Vai alla pagina iniziale
error-bad-request-title = Richiesta non valida
error-bad-request-heading = Impossibile rispondere a questa richiesta
# $value is what was typed into a date field.
error-bad-date = «{ $value }» non è una data: scriverla nel formato AAAA-MM-GG.
error-bad-month = «{ $value }» non è un mese: scriverlo nel formato AAAA-MM.
error-dates-reversed = La data di inizio è successiva alla data di fine.
error-unknown-kind = «{ $value }» non è un tipo di contenuto.
error-server-title = Si è verificato un errore
error-server-text = Non è possibile mostrare la pagina a causa di un problema su questo server. Si prega di riprovare più tardi.

## Public site

footer-follow = Seguire
footer-feed-news = Feed delle notizie (RSS)
footer-feed-events = Gli eventi nel calendario (iCalendar)
footer-feed-documents = Feed degli atti (RSS)
error-bad-request-text = Questo indirizzo chiede qualcosa che il sito non può mostrare. Controllare il link, o ripartire dalla pagina iniziale.
error-search-too-long = La ricerca è troppo lunga: al massimo 200 caratteri.
