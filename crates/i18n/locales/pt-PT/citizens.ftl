# A voz dos cidadãos: respostas a conteúdos e consultas, os seus números,
# «responder ou seguir a partir do seu servidor» e consultas.

nav-consultations = Consultas

## Respostas

replies-heading = Respostas
replies-none = Ainda não há respostas.
replies-closed = As respostas a esta página estão fechadas.
replies-count =
    { $count ->
        [one] { $count } resposta
       *[other] { $count } respostas
    }
likes-count =
    { $count ->
        [one] { $count } gosto
       *[other] { $count } gostos
    }
boosts-count =
    { $count ->
        [one] { $count } partilha
       *[other] { $count } partilhas
    }

## Responder ou seguir a partir do seu servidor

interact-handle-label = A sua conta do fediverso
interact-reply-heading = Responda a partir do seu servidor
interact-reply-how = Responda a partir da sua conta no Mastodon ou em qualquer outro servidor do fediverso.
interact-reply-moderated = Responda a partir da sua conta no Mastodon ou em qualquer outro servidor do fediverso. As respostas aparecem aqui depois de lidas pela redação da câmara municipal.
interact-continue = Continuar no seu servidor
interact-follow = Seguir a partir do seu servidor
interact-follow-how = Ou indique a sua conta e siga a partir do seu servidor.
interact-title = Responder ou seguir a partir do seu servidor
interact-intro = Indique a sua conta do fediverso, no Mastodon por exemplo. O seu servidor abre então { $page } para responder, votar ou seguir.
interact-this-page = esta página
interact-error-handle = Isto não é uma conta. Escreva-a como @nome@servidor, por exemplo @ada@mastodon.social.
interact-error-no-account = Não foi possível encontrar essa conta. Verifique o nome e o servidor.
interact-error-no-template = O seu servidor não indica onde responder ou seguir a partir de fora. Em vez disso, pesquise o endereço abaixo no seu servidor.
interact-error-bad-template = O seu servidor deu um endereço inutilizável. Em vez disso, pesquise o endereço abaixo no seu servidor.

## Uma consulta

consultation-kind = Consulta
consultation-closed = Encerrada
consultation-asked-by = Colocada por { $author }
consultation-open-until = Aberta até { $date }
consultation-ended-at = Votação encerrada a { $date }
consultation-results = Resultados
consultation-results-so-far = Resultados provisórios
consultation-voters =
    { $count ->
        [0] Ainda ninguém votou.
        [one] Votou { $count } pessoa.
       *[other] Votaram { $count } pessoas.
    }
consultation-votes-in-all =
    { $count ->
        [one] Era possível escolher várias opções: { $count } voto no total.
       *[other] Era possível escolher várias opções: { $count } votos no total.
    }
consultation-option-result =
    { $count ->
        [one] { $percent } % ({ $count } voto)
       *[other] { $percent } % ({ $count } votos)
    }
consultation-download-csv = Descarregar os resultados (CSV)
consultation-no-names = Quem votou nunca é publicado.
consultation-how-to-vote = Como votar
consultation-how-to-vote-text = Esta consulta é uma sondagem do fediverso: vote a partir da sua conta no Mastodon ou noutro servidor que mostre sondagens.
consultation-several = Pode escolher várias opções.
consultation-search = Também pode pesquisar { $url } no seu servidor.
consultation-vote-button = Votar no seu servidor

## A lista

consultations-title = Consultas
consultations-intro = As perguntas que a câmara municipal coloca aos cidadãos. Vote a partir da sua conta no Mastodon ou em qualquer outro servidor do fediverso.
consultations-open = Abertas
consultations-none-open = De momento não há nenhuma consulta aberta.
consultations-ended = Encerradas
consultations-until = Até { $date }
consultations-ended-on = Encerrada a { $date }
