# Português europeu (pt-PT: regras de plural próprias, 0 é plural),
# tratamento formal na terceira pessoa.
#
# The network: what the cities this site follows publish, searched, in a
# calendar and a policy library; and the list of those cities.

## Menu and headings

network-nav-label = Rede
network-nav-news = Últimas publicações
network-nav-calendar = Calendário
network-nav-library = Biblioteca de políticas
network-nav-search = Pesquisar
network-nav-cities = Cidades
network-news-heading = Notícias da rede
network-library-heading = Biblioteca de políticas públicas
network-search-heading = Pesquisar na rede

## Items from other cities

# $actor is the account that shared (boosted) the item.
network-shared-by = partilhado por { $actor }
# $kind is a singular kind ("Event"), $city a server name, $author an account.
network-item-meta = { $kind } de { $city }, por { $author } · publicado a { $date }
network-read-on = Ler em { $city }
network-calendar-ics = Calendário da rede (.ics)
network-older = Conteúdos anteriores

## Cities

network-cities-title = Cidades
network-cities-heading = Cidades da rede
network-cities-empty = Este sítio ainda não segue ninguém e ninguém o segue.
network-city-items = Conteúdos recolhidos
network-city-last-published = Última publicação
network-city-nothing-yet = ainda nada
network-city-delivery = Entrega
network-relation-mutual = seguem-se mutuamente
network-relation-following = seguimo-la
network-relation-follower-pending = segue-nos; o nosso pedido está pendente
network-relation-pending = pedido para seguir pendente
network-relation-follower = segue-nos
network-delivery-ok = as entregas funcionam
network-delivery-paused =
    { $count ->
        [one] entregas suspensas até { $date } após { $count } falha
       *[other] entregas suspensas até { $date } após { $count } falhas
    }
network-delivery-failed =
    { $count ->
        [one] { $count } entrega falhada
       *[other] { $count } entregas falhadas
    }
network-delivery-recent-failures =
    { $count ->
        [one] { $count } falha recente
       *[other] { $count } falhas recentes
    }
network-delivery-last-error = último erro: { $error }
network-delivery-waiting =
    { $count ->
        [one] { $count } entrega em espera
       *[other] { $count } entregas em espera
    }

## Search form

search-label = Pesquisar
search-words = Palavras
search-city = Cidade
search-city-any = Todas as cidades
search-kind = Tipo
search-kind-any = Todos os tipos
search-tag = Etiqueta
search-language = Idioma
search-language-any = Todos os idiomas
search-from-date = De
search-to-date = Até
search-submit = Mostrar
search-clear = Limpar os filtros
search-results-label = Resultados
search-results =
    { $count ->
        [0] Nenhum resultado
        [one] { $count } resultado
       *[other] { $count } resultados
    }
search-no-match = Nada corresponde à pesquisa.

## Pages of results

pager-label = Páginas
pager-previous = Página anterior
pager-next = Página seguinte
pager-page = Página { $number }
pager-page-of = Página { $number } de { $total }

## Calendar

# $month is a month and its year: "December 2026".
calendar-title = Calendário da rede, { $month }
calendar-heading = Calendário da rede: { $month }
calendar-months = Meses
calendar-previous-month = Mês anterior
calendar-next-month = Mês seguinte
calendar-today = Hoje
calendar-no-events = Não há eventos este mês.
calendar-events =
    { $count ->
        [0] Nenhum evento
        [one] { $count } evento
       *[other] { $count } eventos
    }
calendar-feed-title = Eventos da rede (iCalendar)
calendar-feed-link = eventos da rede (.ics)

## Public site

network-news-intro = O que publicam esta cidade e as cidades que segue, do mais recente para o mais antigo.
network-library-intro = Os documentos de todas as cidades da rede: cartas, planos e regulamentos, com as respetivas versões.
network-search-intro = Pesquise em tudo o que as cidades da rede publicam, em todas as línguas.
network-calendar-intro = Os eventos da rede, mês a mês.
network-cities-intro = As cidades que este sítio segue e as que o seguem.
search-filters = Mais filtros
search-prompt = Escreva uma palavra para pesquisar ou escolha um filtro.
search-results-many = Mais de { $count } resultados
pager-first = Primeira página
