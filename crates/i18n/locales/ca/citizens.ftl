# La veu de la ciutadania: respostes a continguts i consultes, les seves
# xifres, «respondre o seguir des del vostre servidor» i consultes.

nav-consultations = Consultes

## Respostes

replies-heading = Respostes
replies-none = Encara no hi ha respostes.
replies-closed = Les respostes a aquesta pàgina estan tancades.
replies-count =
    { $count ->
        [one] { $count } resposta
       *[other] { $count } respostes
    }
likes-count =
    { $count ->
        [one] { $count } m'agrada
       *[other] { $count } m'agrada
    }
boosts-count =
    { $count ->
        [one] { $count } impuls
       *[other] { $count } impulsos
    }

## Respondre o seguir des del vostre servidor

interact-handle-label = El vostre compte del fedivers
interact-reply-heading = Responeu des del vostre servidor
interact-reply-how = Responeu des del vostre compte de Mastodon o de qualsevol altre servidor del fedivers.
interact-reply-moderated = Responeu des del vostre compte de Mastodon o de qualsevol altre servidor del fedivers. Les respostes apareixen aquí un cop les ha llegides la redacció de l'ajuntament.
interact-continue = Continueu al vostre servidor
interact-follow = Seguiu des del vostre servidor
interact-follow-how = O escriviu el vostre compte i seguiu des del vostre servidor.
interact-title = Respondre o seguir des del vostre servidor
interact-intro = Escriviu el vostre compte del fedivers, de Mastodon per exemple. El vostre servidor obrirà { $page } perquè hi respongueu, voteu o seguiu.
interact-this-page = aquesta pàgina
interact-error-handle = Això no és un compte. Escriviu-lo com a @nom@servidor, per exemple @ada@mastodon.social.
interact-error-no-account = No s'ha trobat aquest compte. Comproveu el nom i el servidor.
interact-error-no-template = El vostre servidor no indica on respondre o seguir des de fora. Cerqueu-hi l'adreça de sota.
interact-error-bad-template = El vostre servidor ha donat una adreça inutilitzable. Cerqueu-hi l'adreça de sota.

## Una consulta

consultation-kind = Consulta
consultation-closed = Tancada
consultation-asked-by = Plantejada per { $author }
consultation-open-until = Oberta fins al { $date }
consultation-ended-at = Votació tancada el { $date }
consultation-results = Resultats
consultation-results-so-far = Resultats provisionals
consultation-voters =
    { $count ->
        [0] Encara no ha votat ningú.
        [one] Ha votat { $count } persona.
       *[other] Han votat { $count } persones.
    }
consultation-votes-in-all =
    { $count ->
        [one] Es podien triar diverses opcions: { $count } vot en total.
       *[other] Es podien triar diverses opcions: { $count } vots en total.
    }
consultation-option-result =
    { $count ->
        [one] { $percent } % ({ $count } vot)
       *[other] { $percent } % ({ $count } vots)
    }
consultation-download-csv = Baixeu els resultats (CSV)
consultation-no-names = Mai no es publica qui ha votat.
consultation-how-to-vote = Com votar
consultation-how-to-vote-text = Aquesta consulta és una enquesta del fedivers: voteu des del vostre compte de Mastodon o des d'un altre servidor que mostri enquestes.
consultation-several = Podeu triar diverses opcions.
consultation-search = També podeu cercar { $url } al vostre servidor.
consultation-vote-button = Voteu al vostre servidor

## La llista

consultations-title = Consultes
consultations-intro = Les preguntes que l'ajuntament fa a la ciutadania. Voteu des del vostre compte de Mastodon o de qualsevol altre servidor del fedivers.
consultations-open = Obertes
consultations-none-open = Ara mateix no hi ha cap consulta oberta.
consultations-ended = Tancades
consultations-until = Fins al { $date }
consultations-ended-on = Tancada el { $date }
