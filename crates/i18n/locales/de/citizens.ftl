# Stimmen der Bürgerinnen und Bürger: Antworten unter Beiträgen und
# Befragungen, ihre Zahlen, „vom eigenen Server antworten oder folgen“ und
# Befragungen.

nav-consultations = Befragungen

## Antworten

replies-heading = Antworten
replies-none = Noch keine Antworten.
replies-closed = Antworten auf diese Seite sind geschlossen.
replies-count =
    { $count ->
        [one] { $count } Antwort
       *[other] { $count } Antworten
    }
likes-count =
    { $count ->
        [one] { $count } Gefällt mir
       *[other] { $count } Gefällt mir
    }
boosts-count =
    { $count ->
        [one] { $count } Mal geteilt
       *[other] { $count } Mal geteilt
    }

## Vom eigenen Server antworten oder folgen

interact-handle-label = Ihr Fediverse-Konto
interact-reply-heading = Von Ihrem eigenen Server antworten
interact-reply-how = Antworten Sie von Ihrem Konto bei Mastodon oder einem anderen Fediverse-Server.
interact-reply-moderated = Antworten Sie von Ihrem Konto bei Mastodon oder einem anderen Fediverse-Server. Antworten erscheinen hier, sobald die Redaktion der Stadt sie gelesen hat.
interact-continue = Weiter auf Ihrem Server
interact-follow = Von Ihrem Server folgen
interact-follow-how = Oder geben Sie Ihr Konto ein und folgen Sie von Ihrem eigenen Server.
interact-title = Von Ihrem eigenen Server antworten oder folgen
interact-intro = Geben Sie Ihr Fediverse-Konto ein, zum Beispiel bei Mastodon. Ihr Server öffnet dann { $page }, damit Sie antworten, abstimmen oder folgen können.
interact-this-page = diese Seite
interact-error-handle = Das ist kein Konto. Geben Sie es als @name@server ein, zum Beispiel @ada@mastodon.social.
interact-error-no-account = Dieses Konto wurde nicht gefunden. Prüfen Sie Namen und Server.
interact-error-no-template = Ihr Server gibt nicht an, wo man von anderswo antwortet oder folgt. Suchen Sie stattdessen auf Ihrem Server nach der Adresse unten.
interact-error-bad-template = Ihr Server hat eine unbrauchbare Adresse geliefert. Suchen Sie stattdessen auf Ihrem Server nach der Adresse unten.

## Eine Befragung

consultation-kind = Befragung
consultation-closed = Beendet
consultation-asked-by = Gestellt von { $author }
consultation-open-until = Offen bis { $date }
consultation-ended-at = Abstimmung beendet am { $date }
consultation-results = Ergebnisse
consultation-results-so-far = Bisherige Ergebnisse
consultation-voters =
    { $count ->
        [0] Noch hat niemand abgestimmt.
        [one] { $count } Person hat abgestimmt.
       *[other] { $count } Personen haben abgestimmt.
    }
consultation-votes-in-all =
    { $count ->
        [one] Mehrfachauswahl war möglich: insgesamt { $count } Stimme.
       *[other] Mehrfachauswahl war möglich: insgesamt { $count } Stimmen.
    }
consultation-option-result =
    { $count ->
        [one] { $percent } % ({ $count } Stimme)
       *[other] { $percent } % ({ $count } Stimmen)
    }
consultation-download-csv = Ergebnisse herunterladen (CSV)
consultation-no-names = Wer abgestimmt hat, wird nie veröffentlicht.
consultation-how-to-vote = So stimmen Sie ab
consultation-how-to-vote-text = Diese Befragung ist eine Umfrage im Fediverse: Stimmen Sie von Ihrem Konto bei Mastodon oder einem anderen Server ab, der Umfragen anzeigt.
consultation-several = Sie können mehrere Antworten wählen.
consultation-search = Sie können auf Ihrem Server auch nach { $url } suchen.
consultation-vote-button = Auf Ihrem Server abstimmen

## Die Liste

consultations-title = Befragungen
consultations-intro = Fragen, die die Stadt ihren Bürgerinnen und Bürgern stellt. Stimmen Sie von Ihrem Konto bei Mastodon oder einem anderen Fediverse-Server ab.
consultations-open = Offen
consultations-none-open = Zurzeit ist keine Befragung offen.
consultations-ended = Beendet
consultations-until = Bis { $date }
consultations-ended-on = Beendet am { $date }
