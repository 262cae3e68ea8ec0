-- A follow the node asked for can be refused ('rejected'), and a delivery can be
-- left unsent because the federation policy blocks its host ('skipped').
-- SQLite cannot change a CHECK constraint: both tables are rebuilt.

CREATE TABLE following_new (
    actor_id   BIGINT NOT NULL REFERENCES actors (id),
    target_uri TEXT NOT NULL,
    follow_id  TEXT NOT NULL UNIQUE,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (actor_id, target_uri)
);
INSERT INTO following_new (actor_id, target_uri, follow_id, state, created_at)
    SELECT actor_id, target_uri, follow_id, state, created_at FROM following;
DROP TABLE following;
ALTER TABLE following_new RENAME TO following;

CREATE TABLE deliveries_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id     BIGINT NOT NULL REFERENCES activities (id),
    inbox           TEXT NOT NULL,
    host            TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'skipped')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT NOT NULL DEFAULT 0,
    last_status     BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (activity_id, inbox)
);
INSERT INTO deliveries_new (id, activity_id, inbox, host, state, attempts, next_attempt_at,
        locked_until, last_status, last_error, created_at, updated_at)
    SELECT id, activity_id, inbox, host, state, attempts, next_attempt_at,
        locked_until, last_status, last_error, created_at, updated_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_by_host ON deliveries (host, state);
