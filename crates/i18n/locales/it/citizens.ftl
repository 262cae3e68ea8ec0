# La voce dei cittadini: risposte a contenuti e consultazioni, i loro numeri,
# "rispondere o seguire dal proprio server" e consultazioni.

nav-consultations = Consultazioni

## Risposte

replies-heading = Risposte
replies-none = Ancora nessuna risposta.
replies-closed = Le risposte a questa pagina sono chiuse.
replies-count =
    { $count ->
        [one] { $count } risposta
       *[other] { $count } risposte
    }
likes-count =
    { $count ->
        [one] { $count } mi piace
       *[other] { $count } mi piace
    }
boosts-count =
    { $count ->
        [one] { $count } condivisione
       *[other] { $count } condivisioni
    }

## Rispondere o seguire dal proprio server

interact-handle-label = Il tuo account del fediverso
interact-reply-heading = Rispondi dal tuo server
interact-reply-how = Rispondi dal tuo account su Mastodon o su qualsiasi altro server del fediverso.
interact-reply-moderated = Rispondi dal tuo account su Mastodon o su qualsiasi altro server del fediverso. Le risposte compaiono qui dopo la lettura da parte della redazione del Comune.
interact-continue = Continua sul tuo server
interact-follow = Segui dal tuo server
interact-follow-how = Oppure inserisci il tuo account e segui dal tuo server.
interact-title = Rispondi o segui dal tuo server
interact-intro = Inserisci il tuo account del fediverso, per esempio su Mastodon. Il tuo server aprirà { $page } per rispondere, votare o seguire.
interact-this-page = questa pagina
interact-error-handle = Questo non è un account. Inseriscilo come @nome@server, per esempio @ada@mastodon.social.
interact-error-no-account = Account non trovato. Controlla il nome e il server.
interact-error-no-template = Il tuo server non indica dove rispondere o seguire da altrove. Cerca invece l'indirizzo qui sotto sul tuo server.
interact-error-bad-template = Il tuo server ha fornito un indirizzo inutilizzabile. Cerca invece l'indirizzo qui sotto sul tuo server.

## Una consultazione

consultation-kind = Consultazione
consultation-closed = Chiusa
consultation-asked-by = Posta da { $author }
consultation-open-until = Aperta fino al { $date }
consultation-ended-at = Votazione chiusa il { $date }
consultation-results = Risultati
consultation-results-so-far = Risultati parziali
consultation-voters =
    { $count ->
        [0] Nessuno ha ancora votato.
        [one] Ha votato { $count } persona.
       *[other] Hanno votato { $count } persone.
    }
consultation-votes-in-all =
    { $count ->
        [one] Si potevano scegliere più opzioni: { $count } voto in tutto.
       *[other] Si potevano scegliere più opzioni: { $count } voti in tutto.
    }
consultation-option-result =
    { $count ->
        [one] { $percent }% ({ $count } voto)
       *[other] { $percent }% ({ $count } voti)
    }
consultation-download-csv = Scarica i risultati (CSV)
consultation-no-names = Chi ha votato non viene mai reso pubblico.
consultation-how-to-vote = Come votare
consultation-how-to-vote-text = Questa consultazione è un sondaggio del fediverso: vota dal tuo account su Mastodon o su un altro server che mostra i sondaggi.
consultation-several = Puoi scegliere più opzioni.
consultation-search = Puoi anche cercare { $url } sul tuo server.
consultation-vote-button = Vota sul tuo server

## L'elenco

consultations-title = Consultazioni
consultations-intro = Le domande che il Comune pone ai cittadini. Vota dal tuo account su Mastodon o su qualsiasi altro server del fediverso.
consultations-open = Aperte
consultations-none-open = Al momento non ci sono consultazioni aperte.
consultations-ended = Concluse
consultations-until = Fino al { $date }
consultations-ended-on = Conclusa il { $date }
