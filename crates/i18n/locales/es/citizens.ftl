# La voz de la ciudadanía: respuestas a contenidos y consultas, sus cifras,
# «responder o seguir desde tu propio servidor» y consultas.

nav-consultations = Consultas

## Respuestas

replies-heading = Respuestas
replies-none = Todavía no hay respuestas.
replies-closed = Las respuestas a esta página están cerradas.
replies-count =
    { $count ->
        [one] { $count } respuesta
       *[other] { $count } respuestas
    }
likes-count =
    { $count ->
        [one] { $count } me gusta
       *[other] { $count } me gusta
    }
boosts-count =
    { $count ->
        [one] { $count } impulso
       *[other] { $count } impulsos
    }

## Responder o seguir desde tu propio servidor

interact-handle-label = Tu cuenta del fediverso
interact-reply-heading = Responde desde tu propio servidor
interact-reply-how = Responde desde tu cuenta de Mastodon o de cualquier otro servidor del fediverso.
interact-reply-moderated = Responde desde tu cuenta de Mastodon o de cualquier otro servidor del fediverso. Las respuestas aparecen aquí cuando la redacción del ayuntamiento las ha leído.
interact-continue = Continuar en tu servidor
interact-follow = Seguir desde tu servidor
interact-follow-how = O escribe tu cuenta y sigue desde tu propio servidor.
interact-title = Responder o seguir desde tu propio servidor
interact-intro = Escribe tu cuenta del fediverso, de Mastodon por ejemplo. Tu servidor abrirá { $page } para que respondas, votes o sigas.
interact-this-page = esta página
interact-error-handle = Esto no es una cuenta. Escríbela como @nombre@servidor, por ejemplo @ada@mastodon.social.
interact-error-no-account = No se ha encontrado esa cuenta. Comprueba el nombre y el servidor.
interact-error-no-template = Tu servidor no indica dónde responder o seguir desde fuera. Busca en su lugar la dirección de abajo en tu servidor.
interact-error-bad-template = Tu servidor dio una dirección inutilizable. Busca en su lugar la dirección de abajo en tu servidor.

## Una consulta

consultation-kind = Consulta
consultation-closed = Cerrada
consultation-asked-by = Planteada por { $author }
consultation-open-until = Abierta hasta el { $date }
consultation-ended-at = Votación cerrada el { $date }
consultation-results = Resultados
consultation-results-so-far = Resultados provisionales
consultation-voters =
    { $count ->
        [0] Nadie ha votado todavía.
        [one] Ha votado { $count } persona.
       *[other] Han votado { $count } personas.
    }
consultation-votes-in-all =
    { $count ->
        [one] Se podían elegir varias opciones: { $count } voto en total.
       *[other] Se podían elegir varias opciones: { $count } votos en total.
    }
consultation-option-result =
    { $count ->
        [one] { $percent } % ({ $count } voto)
       *[other] { $percent } % ({ $count } votos)
    }
consultation-download-csv = Descargar los resultados (CSV)
consultation-no-names = Nunca se publica quién ha votado.
consultation-how-to-vote = Cómo votar
consultation-how-to-vote-text = Esta consulta es una encuesta del fediverso: vota desde tu cuenta de Mastodon o desde otro servidor que muestre encuestas.
consultation-several = Puedes elegir varias opciones.
consultation-search = También puedes buscar { $url } en tu servidor.
consultation-vote-button = Votar en tu servidor

## La lista

consultations-title = Consultas
consultations-intro = Las preguntas que el ayuntamiento plantea a la ciudadanía. Vota desde tu cuenta de Mastodon o de cualquier otro servidor del fediverso.
consultations-open = Abiertas
consultations-none-open = No hay ninguna consulta abierta en este momento.
consultations-ended = Cerradas
consultations-until = Hasta el { $date }
consultations-ended-on = Cerrada el { $date }
