-- Catalog search (目录检索), see docs/SEARCH.md: one row per published resource, written by the
-- catalog in the transaction that publishes or retires it. No foreign keys to the catalog's own
-- tables, so the index can be dropped and rebuilt on its own (CatalogSearchIndex.ReindexAllAsync).
-- match_* hold the matched text normalized (NFKC, lower case); list items are joined by line
-- breaks, which no search term contains, so a term never matches across two items.

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
    match_text           text        NOT NULL GENERATED ALWAYS AS (
        match_name || E'\n' || match_summary || E'\n' || match_keywords || E'\n' || match_fields || E'\n' || match_tags) STORED
);
-- text_pattern_ops: code LIKE 'prefix%' uses the index whatever the database's collation.
CREATE INDEX ix_catalog_search_code ON catalog_search (code text_pattern_ops);
CREATE INDEX ix_catalog_search_provider ON catalog_search (provider_id);
CREATE INDEX ix_catalog_search_division ON catalog_search (division_code);
CREATE INDEX ix_catalog_search_classification ON catalog_search (classification_code);
CREATE INDEX ix_catalog_search_updated ON catalog_search (updated_at, resource_id);

-- The trigram index behind match_text LIKE '%term%'. The operator class is looked up where
-- pg_trgm is actually installed, which may be a schema other than public.
DO $$
DECLARE
    ops text;
BEGIN
    SELECT quote_ident(n.nspname) || '.gin_trgm_ops' INTO STRICT ops
    FROM pg_opclass c
    JOIN pg_namespace n ON n.oid = c.opcnamespace
    JOIN pg_am a ON a.oid = c.opcmethod
    WHERE c.opcname = 'gin_trgm_ops' AND a.amname = 'gin';
    EXECUTE format('CREATE INDEX ix_catalog_search_match ON catalog_search USING gin (match_text %s)', ops);
END;
$$;

-- Tags as given (the tag filter and facet match them exactly), in the catalog's order.
CREATE TABLE catalog_search_tags (
    resource_id  bigint  NOT NULL REFERENCES catalog_search (resource_id),
    tag          text    NOT NULL,
    position     integer NOT NULL,
    PRIMARY KEY (resource_id, tag)
);
CREATE INDEX ix_catalog_search_tags_tag ON catalog_search_tags (tag, resource_id);
