-- The network: items gathered from followed accounts (and the node's own, so that
-- one table answers the network views), a full-text index over them, deleted
-- remote objects, republished items, and the cache of remote images.
--
-- An item's texts and details are JSON in `data`; the columns beside it are what
-- the views filter and sort on. `search_text` is the plain text of every language,
-- indexed through the generated `search` tsvector and its GIN index
-- (SQLite: FTS5).

CREATE TABLE network_items (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uri           TEXT NOT NULL UNIQUE,
    actor_uri     TEXT NOT NULL,
    host          TEXT NOT NULL,
    local_item_id BIGINT,
    kind          TEXT NOT NULL CHECK (kind IN ('news', 'event', 'document', 'note', 'video')),
    language      TEXT,
    title         TEXT NOT NULL,
    data          TEXT NOT NULL,
    search_text   TEXT NOT NULL,
    starts_at     BIGINT,
    ends_at       BIGINT,
    published_at  BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    received_at   BIGINT NOT NULL,
    announced_by  TEXT
);
CREATE INDEX network_items_by_date ON network_items (published_at DESC, id DESC);
CREATE INDEX network_items_by_kind ON network_items (kind, published_at DESC, id DESC);
CREATE INDEX network_items_by_host ON network_items (host, published_at DESC, id DESC);
CREATE INDEX network_items_by_actor ON network_items (actor_uri, published_at DESC);
CREATE INDEX network_items_by_start ON network_items (kind, starts_at);
CREATE INDEX network_items_by_local_item ON network_items (local_item_id);

CREATE TABLE network_item_tags (
    tag     TEXT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES network_items (id) ON DELETE CASCADE,
    PRIMARY KEY (tag, item_id)
);
CREATE INDEX network_item_tags_by_item ON network_item_tags (item_id);

-- Every language an item is written in (its translations too), for the filter.
CREATE TABLE network_item_languages (
    language TEXT NOT NULL,
    item_id  BIGINT NOT NULL REFERENCES network_items (id) ON DELETE CASCADE,
    PRIMARY KEY (language, item_id)
);
CREATE INDEX network_item_languages_by_item ON network_item_languages (item_id);

ALTER TABLE network_items ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX network_items_search ON network_items USING GIN (search);
-- Word statistics deep enough that the planner sees a rare word as rare and
-- reads the GIN index, instead of walking the date index for matches.
ALTER TABLE network_items ALTER COLUMN search SET STATISTICS 10000;

-- Remote objects deleted by their authors: a late Create or Update for one of
-- these ids is not taken in again.
CREATE TABLE network_tombstones (
    uri        TEXT PRIMARY KEY NOT NULL,
    deleted_at BIGINT NOT NULL
);

-- Remote items a local actor republished (`Announce`), for `Undo`.
CREATE TABLE republished (
    actor_id    BIGINT NOT NULL REFERENCES actors (id),
    object_uri  TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (actor_id, object_uri)
);

-- Remote images shown on the node's pages are fetched by the node and served
-- from its own origin: a citizen's browser never contacts another server.
-- Bytes live in the data directory under `remote/ID`; `size` is 0 until fetched.
CREATE TABLE remote_media (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url          TEXT NOT NULL UNIQUE,
    media_type   TEXT,
    size         BIGINT NOT NULL DEFAULT 0,
    fetched_at   BIGINT,
    last_used_at BIGINT NOT NULL,
    failed_at    BIGINT
);
CREATE INDEX remote_media_by_use ON remote_media (last_used_at);

-- Whether anyone on the node follows an account: asked for every item that arrives.
CREATE INDEX following_by_target ON following (target_uri, state);
