-- The web admin: staff accounts and their sessions, failed logins (so that
-- the rate limit holds across every serve process), and drafts.
--
-- A session's id is 256 random bits kept by the browser; only its SHA-256 is
-- stored, with the CSRF token bound to it. Disabling an account deletes its
-- sessions.
CREATE TABLE staff_users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL
);

CREATE TABLE staff_sessions (
    id_sha256  TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);

CREATE TABLE login_failures (
    account    TEXT NOT NULL,
    address    TEXT NOT NULL,
    failed_at  BIGINT NOT NULL
);
CREATE INDEX login_failures_by_account ON login_failures (account, failed_at);
CREATE INDEX login_failures_by_address ON login_failures (address, failed_at);

-- Items not yet public: never in `items`, so no page, feed, outbox or view
-- can show them. `input` is the service's ItemInput as JSON (files already
-- stored, named by hash); `publish_at` set means scheduled. Publishing
-- deletes the row in the transaction that writes the item, so a draft is
-- published once even when several processes find it due.
CREATE TABLE drafts (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id    BIGINT NOT NULL REFERENCES actors (id),
    kind        TEXT NOT NULL CHECK (kind IN ('news', 'event', 'document')),
    title       TEXT NOT NULL,
    input       TEXT NOT NULL,
    publish_at  BIGINT,
    last_error  TEXT,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX drafts_due ON drafts (publish_at);
