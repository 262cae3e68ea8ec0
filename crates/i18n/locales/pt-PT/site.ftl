# Português europeu (pt-PT: regras de plural próprias, 0 é plural),
# tratamento formal na terceira pessoa.
#
# The frame of every page (skip link, menus, footer), the home page and the
# error pages.

## Frame

site-skip-to-content = Saltar para o conteúdo
# The aria-label of the main menu.
site-nav-label = Menu principal
nav-home = Início
nav-news = Notícias
nav-events = Agenda
nav-documents = Documentos
nav-network = Rede
nav-about = Sobre nós
nav-contact = Contactos
nav-privacy = Privacidade
nav-accessibility = Declaração de acessibilidade
# The label of the language switcher.
nav-language = Idioma
footer-software = Publicado com civicpub, software livre sob a licença AGPL.
footer-no-tracking = Este sítio não utiliza cookies nem carrega nada de outros servidores.

## Home page

home-latest-news = Últimas notícias
home-upcoming-events = Próximos eventos
home-documents = Documentos oficiais
home-follow = Siga-nos
home-follow-intro = Siga estas contas a partir do Mastodon ou de qualquer outra aplicação do fediverso: pesquise o nome de utilizador na sua aplicação.
home-no-news = Ainda não há notícias.
home-no-events = Não há eventos próximos.
home-no-documents = Ainda não há documentos.
home-no-accounts = Este sítio ainda não tem contas.
home-all-news = Todas as notícias
home-all-events = Todos os eventos
home-all-documents = Todos os documentos

## Error pages

error-not-found-title = Não encontrado
error-not-found-heading = Página não encontrada
error-not-found-text = Não existe nada neste endereço.
error-gone-title = Eliminado
error-gone-heading = Este conteúdo foi eliminado
error-gone-text = A Câmara Municipal eliminou o que aqui estava publicado.
error-home-link = Ir para a página inicial
error-bad-request-title = Pedido inválido
error-bad-request-heading = Não é possível responder a este pedido
# $value is what was typed into a date field.
error-bad-date = «{ $value }» não é uma data: escreva-a no formato AAAA-MM-DD.
error-bad-month = «{ $value }» não é um mês: escreva-o no formato AAAA-MM.
error-dates-reversed = A data de início é posterior à data de fim.
error-unknown-kind = «{ $value }» não é um tipo de conteúdo.
error-server-title = Ocorreu um erro
error-server-text = Não é possível mostrar a página devido a um problema neste servidor. Tente novamente mais tarde.

## Public site

footer-follow = Seguir
footer-feed-news = Feed de notícias (RSS)
footer-feed-events = Eventos para o seu calendário (iCalendar)
footer-feed-documents = Feed de documentos (RSS)
error-bad-request-text = Este endereço pede algo que este sítio não pode mostrar. Verifique a ligação ou recomece a partir da página inicial.
error-search-too-long = A pesquisa é demasiado longa: use no máximo 200 caracteres.
