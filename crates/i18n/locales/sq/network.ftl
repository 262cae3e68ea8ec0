# Shqip standard, me "ju" (trajtim zyrtar), si në faqet e Bashkisë së Tiranës.
#
# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Rrjeti
network-nav-news = Më të fundit
network-nav-calendar = Kalendari
network-nav-library = Biblioteka e politikave
network-nav-search = Kërkim
network-nav-cities = Qytetet
network-news-heading = Lajme nga rrjeti
network-library-heading = Biblioteka e politikave publike
network-search-heading = Kërkoni në rrjet

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = ndarë nga { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } nga { $city } · autori: { $author } · publikuar më { $date }
network-read-on = Lexojeni në { $city }
network-calendar-ics = Kalendari i rrjetit (.ics)
network-older = Përmbajtje më të vjetra

## Cities

network-cities-title = Qytetet
network-cities-heading = Qytetet në rrjet
network-cities-empty = Kjo faqe ende nuk ndjek askënd dhe askush nuk e ndjek.
network-city-items = Përmbajtje të mbledhura
network-city-last-published = Publikimi i fundit
network-city-nothing-yet = ende asgjë
network-city-delivery = Dërgimi
network-relation-mutual = ndjekin njëri-tjetrin
network-relation-following = e ndjekim
network-relation-follower-pending = na ndjek; kërkesa jonë është në pritje
network-relation-pending = kërkesë për ndjekje në pritje
network-relation-follower = na ndjek
network-delivery-ok = dërgimet funksionojnë
network-delivery-paused =
    { $count ->
        [one] dërgimet u pezulluan deri më { $date } pas { $count } dështimi
       *[other] dërgimet u pezulluan deri më { $date } pas { $count } dështimesh
    }
network-delivery-failed =
    { $count ->
        [one] { $count } dërgim i dështuar
       *[other] { $count } dërgime të dështuara
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } dështim së fundi
       *[other] { $count } dështime së fundi
    }
network-delivery-last-error = gabimi i fundit: { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } dërgim në pritje
       *[other] { $count } dërgime në pritje
    }

## Search form

search-label = Kërkim
search-words = Fjalë
search-city = Qyteti
search-city-any = Të gjitha qytetet
search-kind = Lloji
search-kind-any = Të gjitha llojet
search-tag = Etiketa
search-language = Gjuha
search-language-any = Të gjitha gjuhët
search-from-date = Nga
search-to-date = Deri
search-submit = Shfaq
search-clear = Pastro filtrat
search-results-label = Rezultatet
search-results =
    { $count ->
        [0] Asnjë rezultat
        [one] { $count } rezultat
       *[other] { $count } rezultate
    }
search-no-match = Asgjë nuk përputhet.

## Pages of results

pager-label = Faqet
pager-previous = Faqja e mëparshme
pager-next = Faqja tjetër
pager-page = Faqja { $number }
pager-page-of = Faqja { $number } nga { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Kalendari i rrjetit, { $month }
calendar-heading = Kalendari i rrjetit: { $month }
calendar-months = Muajt
calendar-previous-month = Muaji i mëparshëm
calendar-next-month = Muaji tjetër
calendar-today = Sot
calendar-no-events = Nuk ka ngjarje këtë muaj.
calendar-events =
    { $count ->
        [0] Asnjë ngjarje
        [one] { $count } ngjarje
       *[other] { $count } ngjarje
    }
calendar-feed-title = Ngjarjet e rrjetit (iCalendar)
calendar-feed-link = ngjarjet e rrjetit (.ics)

## Public site

network-news-intro = Çfarë botojnë ky qytet dhe qytetet që ndjek, më të rejat në krye.
network-library-intro = Dokumentet e politikave të të gjitha qyteteve të rrjetit: karta, plane dhe rregullore, me versionet e tyre.
network-search-intro = Kërkoni në gjithçka që botojnë qytetet e rrjetit, në të gjitha gjuhët.
network-calendar-intro = Ngjarjet e rrjetit, muaj pas muaji.
network-cities-intro = Qytetet që ndjek kjo faqe dhe ato që e ndjekin.
search-filters = Më shumë filtra
search-prompt = Shkruani një fjalë për të kërkuar ose zgjidhni një filtër.
search-results-many = Më shumë se { $count } rezultate
pager-first = Faqja e parë
