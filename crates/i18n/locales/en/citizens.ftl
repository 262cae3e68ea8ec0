# Citizens' voices: replies under items and consultations, their counts,
# "reply or follow from your own server", and consultations.

nav-consultations = Consultations

## Replies

replies-heading = Replies
replies-none = No replies yet.
replies-closed = Replies to this page are closed.
replies-count =
    { $count ->
        [one] { $count } reply
       *[other] { $count } replies
    }
likes-count =
    { $count ->
        [one] { $count } like
       *[other] { $count } likes
    }
boosts-count =
    { $count ->
        [one] { $count } boost
       *[other] { $count } boosts
    }

## Reply or follow from your own server

interact-handle-label = Your fediverse account
interact-reply-heading = Reply from your own server
interact-reply-how = Reply from your account on Mastodon or any other fediverse server.
interact-reply-moderated = Reply from your account on Mastodon or any other fediverse server. Replies appear here once the city's editors have read them.
interact-continue = Continue on your server
interact-follow = Follow from your server
interact-follow-how = Or enter your account, and follow from your own server.
interact-title = Reply or follow from your own server
# $page: a link to the page the reader was on.
interact-intro = Enter your fediverse account, on Mastodon for example. Your server then opens { $page } for you, to reply, vote or follow.
interact-this-page = this page
interact-error-handle = This is not an account. Enter it as @name@server, for example @ada@mastodon.social.
interact-error-no-account = No such account could be found. Check the name and the server.
interact-error-no-template = Your server does not say where to reply or follow from elsewhere. Search for the address below on your server instead.
interact-error-bad-template = Your server gave an address that cannot be used. Search for the address below on your server instead.

## A consultation

consultation-kind = Consultation
consultation-closed = Closed
consultation-asked-by = Asked by { $author }
consultation-open-until = Open until { $date }
consultation-ended-at = Voting ended { $date }
consultation-results = Results
consultation-results-so-far = Results so far
consultation-voters =
    { $count ->
        [0] Nobody has voted yet.
        [one] { $count } person voted.
       *[other] { $count } people voted.
    }
consultation-votes-in-all =
    { $count ->
        [one] Several options could be chosen: { $count } vote in all.
       *[other] Several options could be chosen: { $count } votes in all.
    }
consultation-option-result =
    { $count ->
        [one] { $percent }% ({ $count } vote)
       *[other] { $percent }% ({ $count } votes)
    }
consultation-download-csv = Download the results (CSV)
consultation-no-names = Who voted is never published.
consultation-how-to-vote = How to vote
consultation-how-to-vote-text = This consultation is a poll on the fediverse: vote from your account on Mastodon or another server that shows polls.
consultation-several = You may choose several options.
consultation-search = You can also search your server for { $url }.
consultation-vote-button = Vote on your server

## The list

consultations-title = Consultations
consultations-intro = Questions the city asks its citizens. Vote from your account on Mastodon or any other fediverse server.
consultations-open = Open
consultations-none-open = No consultation is open just now.
consultations-ended = Ended
consultations-until = Until { $date }
consultations-ended-on = Ended { $date }
