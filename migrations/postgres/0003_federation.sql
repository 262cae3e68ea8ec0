-- Federation: remote actors, followers, received activities, the delivery queue,
-- per-host health, and the domain policy.

CREATE TABLE remote_actors (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uri            TEXT NOT NULL UNIQUE,
    host           TEXT NOT NULL,
    username       TEXT NOT NULL,
    inbox          TEXT NOT NULL,
    shared_inbox   TEXT,
    key_id         TEXT NOT NULL,
    public_key_pem TEXT NOT NULL,
    document       TEXT NOT NULL,
    fetched_at     BIGINT NOT NULL
);
CREATE INDEX remote_actors_by_key ON remote_actors (key_id);

-- Who follows a local actor. `inbox` is where deliveries go: the follower's
-- shared inbox when it has one, so followers on one server fold into one delivery.
CREATE TABLE followers (
    actor_id       BIGINT NOT NULL REFERENCES actors (id),
    follower_uri   TEXT NOT NULL,
    inbox          TEXT NOT NULL,
    inbox_host     TEXT NOT NULL,
    follow_id      TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (actor_id, follower_uri)
);
CREATE INDEX followers_by_inbox ON followers (actor_id, state, inbox);

-- Whom a local actor follows.
CREATE TABLE following (
    actor_id   BIGINT NOT NULL REFERENCES actors (id),
    target_uri TEXT NOT NULL,
    follow_id  TEXT NOT NULL UNIQUE,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (actor_id, target_uri)
);

-- Verified activities received; the unique id refuses replays.
CREATE TABLE inbox_activities (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id TEXT NOT NULL UNIQUE,
    actor_uri   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    object_id   TEXT,
    body        TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

-- The delivery queue: one row per (activity, inbox). Workers lease rows by
-- setting `locked_until`; a crashed worker's lease runs out and the row is
-- taken again.
CREATE TABLE deliveries (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id     BIGINT NOT NULL REFERENCES activities (id),
    inbox           TEXT NOT NULL,
    host            TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT NOT NULL DEFAULT 0,
    last_status     BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (activity_id, inbox)
);
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_by_host ON deliveries (host, state);

CREATE TABLE hosts (
    host         TEXT PRIMARY KEY NOT NULL,
    failures     BIGINT NOT NULL DEFAULT 0,
    paused_until BIGINT NOT NULL DEFAULT 0,
    last_error   TEXT,
    updated_at   BIGINT NOT NULL
);

-- Domains listed for the allowlist or the blocklist (the mode is a setting).
CREATE TABLE domain_rules (
    domain     TEXT PRIMARY KEY NOT NULL,
    rule       TEXT NOT NULL CHECK (rule IN ('allow', 'block')),
    created_at BIGINT NOT NULL
);
