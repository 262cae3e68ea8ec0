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

-- Search by word forms: `search_text` now also carries each text's Snowball
-- stems (written by the program, see store::search::indexed_text); the FTS5
-- table and its triggers are unchanged. Rows written before are indexed again
-- by the program at its next start (`search_index` below 2).
INSERT INTO node_settings (key, value) VALUES ('search_index', '1')
    ON CONFLICT (key) DO NOTHING;

-- An account's pinned items (its profile, the home page, the featured
-- collection) without reading all of its items.
CREATE INDEX items_pinned ON items (pinned, actor_id, published_at DESC, id DESC);
