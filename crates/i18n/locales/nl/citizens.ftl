# Stemmen van inwoners: reacties onder berichten en raadplegingen, hun
# aantallen, "reageren of volgen vanaf je eigen server", en raadplegingen.

nav-consultations = Raadplegingen

## Reacties

replies-heading = Reacties
replies-none = Nog geen reacties.
replies-closed = Reageren op deze pagina is gesloten.
replies-count =
    { $count ->
        [one] { $count } reactie
       *[other] { $count } reacties
    }
likes-count =
    { $count ->
        [one] { $count } keer als favoriet
       *[other] { $count } keer als favoriet
    }
boosts-count =
    { $count ->
        [one] { $count } keer gedeeld
       *[other] { $count } keer gedeeld
    }

## Reageren of volgen vanaf je eigen server

interact-handle-label = Je fediverse-account
interact-reply-heading = Reageer vanaf je eigen server
interact-reply-how = Reageer vanaf je account op Mastodon of een andere fediverse-server.
interact-reply-moderated = Reageer vanaf je account op Mastodon of een andere fediverse-server. Reacties verschijnen hier zodra de redactie van de stad ze heeft gelezen.
interact-continue = Verder op je server
interact-follow = Volg vanaf je server
interact-follow-how = Of vul je account in en volg vanaf je eigen server.
interact-title = Reageren of volgen vanaf je eigen server
interact-intro = Vul je fediverse-account in, bijvoorbeeld op Mastodon. Je server opent dan { $page } voor je, om te reageren, te stemmen of te volgen.
interact-this-page = deze pagina
interact-error-handle = Dit is geen account. Vul het in als @naam@server, bijvoorbeeld @ada@mastodon.social.
interact-error-no-account = Dit account is niet gevonden. Controleer de naam en de server.
interact-error-no-template = Je server vermeldt niet waar je van elders kunt reageren of volgen. Zoek in plaats daarvan het adres hieronder op je server.
interact-error-bad-template = Je server gaf een onbruikbaar adres. Zoek in plaats daarvan het adres hieronder op je server.

## Een raadpleging

consultation-kind = Raadpleging
consultation-closed = Gesloten
consultation-asked-by = Gesteld door { $author }
consultation-open-until = Open tot { $date }
consultation-ended-at = Stemmen gesloten op { $date }
consultation-results = Uitslag
consultation-results-so-far = Tussenstand
consultation-voters =
    { $count ->
        [0] Nog niemand heeft gestemd.
        [one] { $count } persoon heeft gestemd.
       *[other] { $count } mensen hebben gestemd.
    }
consultation-votes-in-all =
    { $count ->
        [one] Meerdere keuzes waren mogelijk: { $count } stem in totaal.
       *[other] Meerdere keuzes waren mogelijk: { $count } stemmen in totaal.
    }
consultation-option-result =
    { $count ->
        [one] { $percent }% ({ $count } stem)
       *[other] { $percent }% ({ $count } stemmen)
    }
consultation-download-csv = Uitslag downloaden (CSV)
consultation-no-names = Wie er gestemd heeft, wordt nooit gepubliceerd.
consultation-how-to-vote = Zo stem je
consultation-how-to-vote-text = Deze raadpleging is een peiling in de fediverse: stem vanaf je account op Mastodon of een andere server die peilingen toont.
consultation-several = Je mag meerdere antwoorden kiezen.
consultation-search = Je kunt ook op je server zoeken naar { $url }.
consultation-vote-button = Stem op je server

## De lijst

consultations-title = Raadplegingen
consultations-intro = Vragen die de stad aan haar inwoners stelt. Stem vanaf je account op Mastodon of een andere fediverse-server.
consultations-open = Open
consultations-none-open = Er is op dit moment geen raadpleging open.
consultations-ended = Afgelopen
consultations-until = Tot { $date }
consultations-ended-on = Afgelopen op { $date }
