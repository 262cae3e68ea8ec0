# Português europeu (pt-PT: regras de plural próprias, 0 é plural),
# tratamento formal na terceira pessoa.
#
# What the city publishes: news, events, policy documents; the accounts that
# publish them; their feeds.

## Kinds of item: the singular labels a card, the plural heads a list.

kind-news = Notícia
kind-news-plural = Notícias
kind-event = Evento
kind-event-plural = Eventos
kind-document = Documento
kind-document-plural = Documentos
# A short post, such as a Mastodon status.
kind-note = Publicação
kind-note-plural = Publicações
kind-video = Vídeo
kind-video-plural = Vídeos

## Any item

# $author is the account's name (a link), $handle its @name@host, $date when it was published.
item-byline = Por { $author } ({ $handle }) · publicado a { $date }
item-byline-updated = Por { $author } ({ $handle }) · publicado a { $date } · atualizado a { $updated }
item-by = Por { $author }
item-published = Publicado a { $date }
item-updated = Atualizado a { $date }
# The aria-label of the list of languages an item is written in.
item-languages = Idiomas
item-tags = Etiquetas
item-files = Ficheiros
item-attachments = Anexos
item-pinned = Afixado
list-empty = Ainda não há nada aqui.
list-tag-heading = Etiqueta #{ $tag }

## Events

event-when = Quando:
event-where = Onde:
event-online = Online:
event-join-online = Participar online
event-map = Mapa
event-open-map = Abrir no OpenStreetMap
event-add-to-calendar = Adicionar ao calendário
event-status-scheduled = Previsto
event-status-cancelled = Cancelado
event-status-postponed = Adiado
event-list-upcoming = Próximos
event-list-past = Anteriores

## Policy documents

document-version = Versão
# $version as the city numbers it: "2", "2.1".
document-version-number = Versão { $version }
document-licence = Licença
document-adopted-on = Aprovado a { $date }
document-history = Histórico
document-version-history = Histórico de versões
document-summary = Versão { $version } · licença { $licence } · aprovado a { $date }
# The page of an earlier version: its title, and the line under it.
document-revision-title = { $title }, versão { $number }
document-revision-of = Versão { $number } { $document }, de { $date }.
# The link text for $document above.
document-this-document = deste documento
# $size is a file size written by the program: "1.2 MB".
document-download = Descarregar ({ $size })
document-checksum = Soma de verificação (SHA-256)

## Accounts

profile-follow = Seguir
profile-follow-how = Pesquise { $handle } no Mastodon ou em qualquer outra aplicação do fediverso para seguir esta conta.
profile-followers =
    { $count ->
        [one] { $count } seguidor
       *[other] { $count } seguidores
    }
profile-website = Sítio web
profile-contact = Contactos
# The description of an account's page for search engines and link previews.
profile-description = { $name } no fediverso: { $handle }

## Feeds: RSS, Atom and iCalendar

feed-subscribe = Subscrever:
feed-subscribe-calendar = Subscrever na sua aplicação de calendário:
# $section is a plural kind ("Events"), $site the site's name.
feed-rss-description = { $section } de { $site }
feed-calendar-name = { $site } – eventos
feed-network-title = { $site } – rede
feed-network-calendar-name = { $site } – eventos da rede

## Public site

document-adopted = Aprovação
document-current = versão em vigor
document-details = Sobre este documento
event-details = Informações práticas
event-all-day = Todo o dia
event-until = Até { $date }
event-online-only = Online
event-cancelled-note = Este evento não se vai realizar.
event-postponed-note = Este evento foi adiado: será anunciada uma nova data.
event-ended = Este evento já terminou
item-also-in = Também em:
profile-pinned = Afixados
profile-published = Publicado por esta conta
feed-reader-link = Seguir num leitor de feeds (RSS)
feed-calendar-link = Adicionar ao seu calendário
