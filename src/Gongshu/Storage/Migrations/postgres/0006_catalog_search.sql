-- Catalog search (目录检索), see docs/SEARCH.md: one row per published resource, written by the
-- catalog in the transaction that publishes or retires it. No foreign keys to the catalog's own
-- tables, so the index can be dropped and rebuilt on its own (CatalogSearchIndex.ReindexAllAsync).
-- match_* hold the matched text normalized (NFKC, lower case); list items are joined by line
-- breaks, which no search term contains, so a term never matches across two items.
-- stamp: the version of the index (catalog_search_state) that wrote the row, so a searcher that
-- holds an older version in memory reads only what changed since.

-- In public, not the schema being migrated: an extension belongs to the whole database, and
-- several Gongshu schemas in one database (the tests make one per test) must share it.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE TABLE catalog_search (
    resource_id          bigint      PRIMARY KEY,
    code                 text        NOT NULL,
    name                 text        NOT NULL,
    summary              text        NOT NULL,
    provider_id          bigint      NOT NULL,
    provider_name        text        NOT NULL,
    division_code        text        NOT NULL,
    classification_code  text        NOT NULL,
    share_type           text        NOT NULL,
    open_type            text        NOT NULL,
    grade                text        NOT NULL,
    format               text        NOT NULL,
    update_cycle         text        NOT NULL,
    updated_at           timestamptz NOT NULL,
    match_name           text        NOT NULL,
    match_summary        text        NOT NULL,
    match_keywords       text        NOT NULL,
    match_fields         text        NOT NULL,
    match_tags           text        NOT NULL,
    stamp                bigint      NOT NULL
);
CREATE INDEX ix_catalog_search_stamp ON catalog_search (stamp);

-- The trigram index behind LIKE '%term%' for terms of 3+ characters, over the normalized text but
-- the name (names are matched in memory). CatalogSearch queries the same expression
-- (TermIndex.PostgresIndexedText). The operator class is looked up where pg_trgm is actually
-- installed, which may be a schema other than public.
DO $$
DECLARE
    ops text;
BEGIN
    SELECT quote_ident(n.nspname) || '.gin_trgm_ops' INTO STRICT ops
    FROM pg_opclass c
    JOIN pg_namespace n ON n.oid = c.opcnamespace
    JOIN pg_am a ON a.oid = c.opcmethod
    WHERE c.opcname = 'gin_trgm_ops' AND a.amname = 'gin';
    EXECUTE format('CREATE INDEX ix_catalog_search_match ON catalog_search USING gin '
        '((match_summary || E''\n'' || match_keywords || E''\n'' || match_fields || E''\n'' || match_tags) %s)', ops);
END;
$$;

-- Tags as given (the tag filter and facet match them exactly), in the catalog's order.
CREATE TABLE catalog_search_tags (
    resource_id  bigint  NOT NULL REFERENCES catalog_search (resource_id),
    tag          text    NOT NULL,
    position     integer NOT NULL,
    PRIMARY KEY (resource_id, tag)
);

-- The index's version, moved on by every write; generation by every rebuild.
CREATE TABLE catalog_search_state (
    id          integer PRIMARY KEY CHECK (id = 1),
    generation  bigint  NOT NULL,
    version     bigint  NOT NULL
);
INSERT INTO catalog_search_state (id, generation, version) VALUES (1, 0, 0);

-- Resources removed from the index, with the version that removed them (emptied by a rebuild).
CREATE TABLE catalog_search_removed (
    resource_id  bigint NOT NULL,
    stamp        bigint NOT NULL
);
CREATE INDEX ix_catalog_search_removed_stamp ON catalog_search_removed (stamp);

-- Bigram index for two-character terms (a trigram index has nothing to look up for them): the
-- distinct pairs of adjacent letters, digits or non-ASCII characters of the summary (s), the
-- keywords and tags (k) and the fields (f), each prefixed with its part, separated by spaces
-- (SearchText.Bigrams, written by the catalog search). The index needs no recheck, but listing
-- the resources it points to visits their heap pages: this table keeps them narrow by having
-- the grams stored out of line. PostgreSQL moves values out of line only from rows of about
-- 2 kB or more, and most documents' grams are shorter, so every row carries a filler of 2 kB of
-- spaces, which compresses to a few bytes; once a row is that long, toast_tuple_target = 128
-- has the grams moved out. The heap is then ~100 bytes a row (9 MB for 100,000 resources,
-- rather than 90 MB), and a lookup of a frequent bigram reads 10 times fewer pages.
CREATE TABLE catalog_search_grams (
    resource_id  bigint PRIMARY KEY,
    grams        text   NOT NULL,
    filler       text   NOT NULL DEFAULT repeat(' ', 2048)
) WITH (toast_tuple_target = 128);
CREATE INDEX ix_catalog_search_grams ON catalog_search_grams USING gin ((string_to_array(grams, ' ')));
