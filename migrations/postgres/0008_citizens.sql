-- Citizens' voices: replies to the node's objects (comments, moderated), likes
-- and boosts of them (reactions), reports (Flag), blocked accounts, and
-- consultations (polls) with their votes.

-- How replies to an item are moderated; NULL: the node's default for its kind.
ALTER TABLE items ADD COLUMN moderation TEXT CHECK (moderation IN ('open', 'approve', 'closed'));

CREATE TABLE comments (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uri           TEXT NOT NULL UNIQUE,
    -- The node's object the thread belongs to; NULL for a message to the city
    -- outside any thread.
    object_uri    TEXT,
    in_reply_to   TEXT,
    author_uri    TEXT NOT NULL,
    author_host   TEXT NOT NULL,
    author_handle TEXT NOT NULL,
    author_name   TEXT NOT NULL,
    author_url    TEXT,
    author_icon   TEXT,
    -- Sanitized HTML.
    content       TEXT NOT NULL,
    language      TEXT,
    url           TEXT,
    to_editors    BOOLEAN NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'private')),
    published_at  BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    received_at   BIGINT NOT NULL
);
CREATE INDEX comments_by_object ON comments (object_uri, state, published_at);
CREATE INDEX comments_by_state ON comments (state, received_at);
CREATE INDEX comments_by_author ON comments (author_uri);
CREATE INDEX comments_by_host ON comments (author_host);
CREATE INDEX comments_to_editors ON comments (to_editors, received_at);

-- Likes and boosts of the node's objects: one of each per account.
CREATE TABLE reactions (
    object_uri  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('like', 'share')),
    actor_uri   TEXT NOT NULL,
    actor_host  TEXT NOT NULL,
    activity_id TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (object_uri, kind, actor_uri)
);
CREATE INDEX reactions_by_actor ON reactions (actor_uri);
CREATE INDEX reactions_by_host ON reactions (actor_host);

CREATE TABLE reports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id TEXT NOT NULL UNIQUE,
    actor_uri   TEXT NOT NULL,
    actor_host  TEXT NOT NULL,
    comment     TEXT NOT NULL,
    -- JSON array of the flagged ids.
    objects     TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    received_at BIGINT NOT NULL
);
CREATE INDEX reports_by_state ON reports (state, received_at);

-- Accounts whose replies, reactions, votes and reports are refused (domains are
-- blocked by the federation policy).
CREATE TABLE blocked_accounts (
    uri        TEXT PRIMARY KEY NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE consultations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id      BIGINT NOT NULL REFERENCES actors (id),
    -- Texts and options as JSON; NULL once deleted.
    content       TEXT,
    ends_at       BIGINT NOT NULL,
    moderation    TEXT CHECK (moderation IN ('open', 'approve', 'closed')),
    published_at  BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    deleted_at    BIGINT,
    -- When followers and voters are next sent the running totals (NULL: nothing
    -- new to send).
    update_due_at BIGINT
);
CREATE INDEX consultations_update_due ON consultations (update_due_at);

-- One row per account and option. `ballot` is the account for a single-choice
-- consultation, the account and the option for a multiple-choice one: the
-- unique key is the rule, even between processes.
CREATE TABLE votes (
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    choice          BIGINT NOT NULL,
    voter_uri       TEXT NOT NULL,
    voter_host      TEXT NOT NULL,
    voter_inbox     TEXT NOT NULL,
    ballot          TEXT NOT NULL,
    uri             TEXT NOT NULL UNIQUE,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (consultation_id, ballot)
);
CREATE INDEX votes_by_voter ON votes (voter_uri);
CREATE INDEX votes_by_host ON votes (voter_host);
