# Shqip standard, me "ju" (trajtim zyrtar), si në faqet e Bashkisë së Tiranës.
#
# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Kalo te përmbajtja
# The aria-label of the main menu.
site-nav-label = Menyja kryesore
nav-home = Kreu
nav-news = Lajme
nav-events = Ngjarje
nav-documents = Dokumente
nav-network = Rrjeti
nav-about = Rreth nesh
nav-contact = Kontakt
nav-privacy = Privatësia
nav-accessibility = Deklarata e aksesueshmërisë
# The label of the language switcher.
nav-language = Gjuha
footer-software = Publikuar me civicpub, softuer i lirë me licencë AGPL.
footer-no-tracking = Kjo faqe nuk vendos cookies dhe nuk ngarkon asgjë nga serverë të tjerë.

## Home page

home-latest-news = Lajmet e fundit
home-upcoming-events = Ngjarjet e ardhshme
home-documents = Dokumente zyrtare
home-follow = Na ndiqni
home-follow-intro = Ndiqni këto llogari nga Mastodon ose nga çdo aplikacion tjetër i fediversit: kërkoni emrin e përdoruesit në aplikacionin tuaj.
home-no-news = Ende nuk ka lajme.
home-no-events = Nuk ka ngjarje të ardhshme.
home-no-documents = Ende nuk ka dokumente.
home-no-accounts = Kjo faqe ende nuk ka llogari.
home-all-news = Të gjitha lajmet
home-all-events = Të gjitha ngjarjet
home-all-documents = Të gjitha dokumentet

## Error pages

error-not-found-title = Nuk u gjet
error-not-found-heading = Faqja nuk u gjet
error-not-found-text = Në këtë adresë nuk ka asgjë.
error-gone-title = E fshirë
error-gone-heading = Kjo përmbajtje është fshirë
error-gone-text = Bashkia ka fshirë atë që ishte publikuar këtu.
error-home-link = Shkoni te faqja kryesore
error-bad-request-title = Kërkesë e pavlefshme
error-bad-request-heading = Kjo kërkesë nuk mund të përmbushet
# $value is what was typed into a date field.
error-bad-date = “{ $value }” nuk është datë: shkruajeni në formën VVVV-MM-DD.
error-bad-month = “{ $value }” nuk është muaj: shkruajeni në formën VVVV-MM.
error-dates-reversed = Data e fillimit është pas datës së mbarimit.
error-unknown-kind = “{ $value }” nuk është lloj përmbajtjeje.
error-server-title = Diçka shkoi keq
error-server-text = Faqja nuk mund të shfaqet për shkak të një problemi në këtë server. Ju lutemi provoni përsëri më vonë.

## Public site

footer-follow = Na ndiqni
footer-feed-news = Burimi i lajmeve (RSS)
footer-feed-events = Ngjarjet për kalendarin tuaj (iCalendar)
footer-feed-documents = Burimi i dokumenteve (RSS)
error-bad-request-text = Kjo adresë kërkon diçka që kjo faqe nuk mund ta shfaqë. Kontrolloni lidhjen ose filloni përsëri nga faqja kryesore.
error-search-too-long = Kërkimi është shumë i gjatë: përdorni të shumtën 200 shenja.
