-- A civicpub node: its settings, its local actors and the media they use.
-- Times are milliseconds since the Unix epoch (UTC), the same on both backends.
-- Flags are INTEGER 0/1 here (SQLite has no boolean type) and BOOLEAN on PostgreSQL.

CREATE TABLE node_settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE media (
    sha256     TEXT PRIMARY KEY NOT NULL,
    media_type TEXT NOT NULL,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE actors (
    id                          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username                    TEXT NOT NULL UNIQUE,
    kind                        TEXT NOT NULL CHECK (kind IN ('Organization', 'Application')),
    display_name                TEXT NOT NULL,
    summary                     TEXT NOT NULL DEFAULT '',
    website                     TEXT,
    contact                     TEXT,
    icon_sha256                 TEXT REFERENCES media (sha256),
    icon_alt                    TEXT,
    public_key_pem              TEXT NOT NULL,
    private_key_pem             TEXT NOT NULL,
    manually_approves_followers BOOLEAN NOT NULL DEFAULT FALSE,
    discoverable                BOOLEAN NOT NULL DEFAULT TRUE,
    indexable                   BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL
);
