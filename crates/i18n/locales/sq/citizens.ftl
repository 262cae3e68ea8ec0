# Zëri i qytetarëve: përgjigjet nën lajme dhe konsultime, numrat e tyre,
# "përgjigju ose ndiq nga serveri yt" dhe konsultimet.

nav-consultations = Konsultime

## Përgjigjet

replies-heading = Përgjigje
replies-none = Ende nuk ka përgjigje.
replies-closed = Përgjigjet për këtë faqe janë mbyllur.
replies-count =
    { $count ->
        [one] { $count } përgjigje
       *[other] { $count } përgjigje
    }
likes-count =
    { $count ->
        [one] { $count } pëlqim
       *[other] { $count } pëlqime
    }
boosts-count =
    { $count ->
        [one] { $count } shpërndarje
       *[other] { $count } shpërndarje
    }

## Përgjigju ose ndiq nga serveri yt

interact-handle-label = Llogaria jote në fedivers
interact-reply-heading = Përgjigju nga serveri yt
interact-reply-how = Përgjigju nga llogaria jote në Mastodon ose në çdo server tjetër të fediversit.
interact-reply-moderated = Përgjigju nga llogaria jote në Mastodon ose në çdo server tjetër të fediversit. Përgjigjet shfaqen këtu pasi t'i lexojë redaksia e bashkisë.
interact-continue = Vazhdo në serverin tënd
interact-follow = Ndiq nga serveri yt
interact-follow-how = Ose shkruaj llogarinë tënde dhe ndiq nga serveri yt.
interact-title = Përgjigju ose ndiq nga serveri yt
interact-intro = Shkruaj llogarinë tënde në fedivers, për shembull në Mastodon. Serveri yt do të hapë { $page } që të përgjigjesh, të votosh ose të ndjekësh.
interact-this-page = këtë faqe
interact-error-handle = Kjo nuk është llogari. Shkruaje si @emri@serveri, për shembull @ada@mastodon.social.
interact-error-no-account = Kjo llogari nuk u gjet. Kontrollo emrin dhe serverin.
interact-error-no-template = Serveri yt nuk tregon ku të përgjigjesh ose të ndjekësh nga jashtë. Kërko në vend të kësaj adresën më poshtë në serverin tënd.
interact-error-bad-template = Serveri yt dha një adresë që nuk përdoret dot. Kërko në vend të kësaj adresën më poshtë në serverin tënd.

## Një konsultim

consultation-kind = Konsultim
consultation-closed = I mbyllur
consultation-asked-by = Pyetur nga { $author }
consultation-open-until = I hapur deri më { $date }
consultation-ended-at = Votimi u mbyll më { $date }
consultation-results = Rezultatet
consultation-results-so-far = Rezultatet deri tani
consultation-voters =
    { $count ->
        [0] Askush nuk ka votuar ende.
        [one] Votoi { $count } person.
       *[other] Votuan { $count } persona.
    }
consultation-votes-in-all =
    { $count ->
        [one] Mund të zgjidheshin disa mundësi: { $count } votë gjithsej.
       *[other] Mund të zgjidheshin disa mundësi: { $count } vota gjithsej.
    }
consultation-option-result =
    { $count ->
        [one] { $percent }% ({ $count } votë)
       *[other] { $percent }% ({ $count } vota)
    }
consultation-download-csv = Shkarko rezultatet (CSV)
consultation-no-names = Kush ka votuar nuk publikohet kurrë.
consultation-how-to-vote = Si të votosh
consultation-how-to-vote-text = Ky konsultim është një sondazh në fedivers: voto nga llogaria jote në Mastodon ose në një server tjetër që shfaq sondazhe.
consultation-several = Mund të zgjedhësh disa mundësi.
consultation-search = Mund të kërkosh edhe { $url } në serverin tënd.
consultation-vote-button = Voto në serverin tënd

## Lista

consultations-title = Konsultime
consultations-intro = Pyetjet që bashkia u bën qytetarëve. Voto nga llogaria jote në Mastodon ose në çdo server tjetër të fediversit.
consultations-open = Të hapura
consultations-none-open = Për momentin nuk ka asnjë konsultim të hapur.
consultations-ended = Të mbyllura
consultations-until = Deri më { $date }
consultations-ended-on = U mbyll më { $date }
