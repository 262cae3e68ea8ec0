-- The public site: the pages a city writes for its citizens (About, Contact,
-- Privacy, the accessibility statement), in Markdown, one row per page and
-- language. The site's branding (logo, accent colour, favicon) is kept in
-- node_settings under `branding.*`.
CREATE TABLE site_pages (
    page       TEXT NOT NULL CHECK (page IN ('about', 'contact', 'privacy', 'accessibility')),
    language   TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (page, language)
);

-- Search by word forms: the `search` vector is no longer generated from
-- `search_text` alone ('simple': words as written) but written with each row,
-- adding every text's words under its own language's configuration (english,
-- french, italian, ...: stemmed, stop words left out); see store::search.
-- Until the program has indexed a row again (at its next start, `search_index`
-- below 2), it keeps its words as written.
ALTER TABLE network_items DROP COLUMN search;
ALTER TABLE network_items ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;
UPDATE network_items SET search = to_tsvector('simple', search_text);
CREATE INDEX network_items_search ON network_items USING GIN (search);
ALTER TABLE network_items ALTER COLUMN search SET STATISTICS 10000;
INSERT INTO node_settings (key, value) VALUES ('search_index', '1')
    ON CONFLICT (key) DO NOTHING;

-- An account's pinned items (its profile, the home page, the featured
-- collection) without reading all of its items.
CREATE INDEX items_pinned ON items (pinned, actor_id, published_at DESC, id DESC);
