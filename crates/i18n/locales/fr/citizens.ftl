# Les voix des citoyens : réponses sous les contenus et les consultations,
# leurs nombres, « répondre ou suivre depuis son serveur », et consultations.

nav-consultations = Consultations

## Réponses

replies-heading = Réponses
replies-none = Aucune réponse pour l'instant.
replies-closed = Les réponses à cette page sont fermées.
replies-count =
    { $count ->
        [one] { $count } réponse
       *[other] { $count } réponses
    }
likes-count =
    { $count ->
        [one] { $count } mention « j'aime »
       *[other] { $count } mentions « j'aime »
    }
boosts-count =
    { $count ->
        [one] { $count } partage
       *[other] { $count } partages
    }

## Répondre ou suivre depuis son serveur

interact-handle-label = Votre compte du fédivers
interact-reply-heading = Répondre depuis votre serveur
interact-reply-how = Répondez depuis votre compte Mastodon ou de tout autre serveur du fédivers.
interact-reply-moderated = Répondez depuis votre compte Mastodon ou de tout autre serveur du fédivers. Les réponses paraissent ici une fois lues par la rédaction de la ville.
interact-continue = Continuer sur votre serveur
interact-follow = Suivre depuis votre serveur
interact-follow-how = Ou saisissez votre compte pour suivre depuis votre serveur.
interact-title = Répondre ou suivre depuis votre serveur
interact-intro = Saisissez votre compte du fédivers, sur Mastodon par exemple. Votre serveur vous ouvre alors { $page } pour répondre, voter ou suivre.
interact-this-page = cette page
interact-error-handle = Ce n'est pas un compte. Saisissez-le sous la forme @nom@serveur, par exemple @ada@mastodon.social.
interact-error-no-account = Ce compte est introuvable. Vérifiez le nom et le serveur.
interact-error-no-template = Votre serveur n'indique pas où répondre ou suivre depuis ailleurs. Recherchez plutôt l'adresse ci-dessous sur votre serveur.
interact-error-bad-template = Votre serveur a donné une adresse inutilisable. Recherchez plutôt l'adresse ci-dessous sur votre serveur.

## Une consultation

consultation-kind = Consultation
consultation-closed = Close
consultation-asked-by = Posée par { $author }
consultation-open-until = Ouverte jusqu'au { $date }
consultation-ended-at = Vote clos le { $date }
consultation-results = Résultats
consultation-results-so-far = Résultats provisoires
consultation-voters =
    { $count ->
        [0] Personne n'a encore voté.
        [one] { $count } personne a voté.
       *[other] { $count } personnes ont voté.
    }
consultation-votes-in-all =
    { $count ->
        [one] Plusieurs choix étaient possibles : { $count } vote en tout.
       *[other] Plusieurs choix étaient possibles : { $count } votes en tout.
    }
consultation-option-result =
    { $count ->
        [one] { $percent } % ({ $count } vote)
       *[other] { $percent } % ({ $count } votes)
    }
consultation-download-csv = Télécharger les résultats (CSV)
consultation-no-names = L'identité des votants n'est jamais publiée.
consultation-how-to-vote = Comment voter
consultation-how-to-vote-text = Cette consultation est un sondage du fédivers : votez depuis votre compte Mastodon ou depuis un autre serveur qui affiche les sondages.
consultation-several = Vous pouvez choisir plusieurs réponses.
consultation-search = Vous pouvez aussi rechercher { $url } sur votre serveur.
consultation-vote-button = Voter sur votre serveur

## La liste

consultations-title = Consultations
consultations-intro = Les questions que la ville pose à ses habitants. Votez depuis votre compte Mastodon ou de tout autre serveur du fédivers.
consultations-open = En cours
consultations-none-open = Aucune consultation n'est ouverte en ce moment.
consultations-ended = Terminées
consultations-until = Jusqu'au { $date }
consultations-ended-on = Terminée le { $date }
