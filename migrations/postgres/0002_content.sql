-- Published items (news, events, policy documents), document revisions, API
-- tokens, and the activities the node has published.
--
-- An item's content (texts in every language, tags, kind-specific details) is
-- kept as JSON in `content`; the columns beside it are what queries filter and
-- sort on. A deleted item keeps its row (ids are never reused) with `content`
-- emptied and `deleted_at` set.

CREATE TABLE items (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id     BIGINT NOT NULL REFERENCES actors (id),
    kind         TEXT NOT NULL CHECK (kind IN ('news', 'event', 'document')),
    content      TEXT,
    starts_at    BIGINT,
    ends_at      BIGINT,
    pinned       BOOLEAN NOT NULL DEFAULT FALSE,
    published_at BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    deleted_at   BIGINT
);
CREATE INDEX items_by_kind ON items (kind, published_at DESC, id DESC);
CREATE INDEX items_by_actor ON items (actor_id, published_at DESC, id DESC);
CREATE INDEX items_events_by_start ON items (kind, starts_at);

CREATE TABLE document_revisions (
    item_id    BIGINT NOT NULL REFERENCES items (id),
    number     BIGINT NOT NULL,
    content    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, number)
);

CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id     BIGINT NOT NULL REFERENCES actors (id),
    token_sha256 TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT
);

CREATE TABLE activities (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id TEXT NOT NULL UNIQUE,
    actor_id    BIGINT NOT NULL REFERENCES actors (id),
    kind        TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX activities_by_actor ON activities (actor_id, id DESC);
