-- Catalog search (目录检索), see docs/SEARCH.md: one row per published resource, written by the
-- catalog in the transaction that publishes or retires it. No foreign keys to the catalog's own
-- tables, so the index can be dropped and rebuilt on its own (CatalogSearchIndex.ReindexAllAsync).
-- match_* hold the matched text normalized (NFKC, lower case); list items are joined by line
-- breaks, which no search term contains, so a term never matches across two items.
CREATE TABLE catalog_search (
    resource_id          INTEGER PRIMARY KEY,
    code                 TEXT    NOT NULL,
    name                 TEXT    NOT NULL,
    summary              TEXT    NOT NULL,
    provider_id          INTEGER NOT NULL,
    provider_name        TEXT    NOT NULL,
    division_code        TEXT    NOT NULL,
    classification_code  TEXT    NOT NULL,
    share_type           TEXT    NOT NULL,
    open_type            TEXT    NOT NULL,
    grade                TEXT    NOT NULL,
    format               TEXT    NOT NULL,
    update_cycle         TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    match_name           TEXT    NOT NULL,
    match_summary        TEXT    NOT NULL,
    match_keywords       TEXT    NOT NULL,
    match_fields         TEXT    NOT NULL,
    match_tags           TEXT    NOT NULL
);
CREATE INDEX ix_catalog_search_code ON catalog_search (code);
CREATE INDEX ix_catalog_search_provider ON catalog_search (provider_id);
CREATE INDEX ix_catalog_search_division ON catalog_search (division_code);
CREATE INDEX ix_catalog_search_classification ON catalog_search (classification_code);
CREATE INDEX ix_catalog_search_updated ON catalog_search (updated_at, resource_id);

-- Tags as given (the tag filter and facet match them exactly), in the catalog's order.
CREATE TABLE catalog_search_tags (
    resource_id  INTEGER NOT NULL REFERENCES catalog_search (resource_id),
    tag          TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (resource_id, tag)
);
CREATE INDEX ix_catalog_search_tags_tag ON catalog_search_tags (tag, resource_id);

-- Trigram index over the normalized text, reading its content from catalog_search (no second
-- copy). The text is lower-cased already, so the tokenizer keeps case and matches exactly what
-- instr() matches on the short-term path.
CREATE VIRTUAL TABLE catalog_search_text USING fts5 (
    match_name, match_summary, match_keywords, match_fields, match_tags,
    content = 'catalog_search', content_rowid = 'resource_id',
    tokenize = 'trigram case_sensitive 1'
);

CREATE TRIGGER catalog_search_text_insert AFTER INSERT ON catalog_search
BEGIN
    INSERT INTO catalog_search_text (rowid, match_name, match_summary, match_keywords, match_fields, match_tags)
    VALUES (new.resource_id, new.match_name, new.match_summary, new.match_keywords, new.match_fields, new.match_tags);
END;
CREATE TRIGGER catalog_search_text_delete AFTER DELETE ON catalog_search
BEGIN
    INSERT INTO catalog_search_text (catalog_search_text, rowid, match_name, match_summary, match_keywords, match_fields, match_tags)
    VALUES ('delete', old.resource_id, old.match_name, old.match_summary, old.match_keywords, old.match_fields, old.match_tags);
END;
CREATE TRIGGER catalog_search_text_update AFTER UPDATE ON catalog_search
BEGIN
    INSERT INTO catalog_search_text (catalog_search_text, rowid, match_name, match_summary, match_keywords, match_fields, match_tags)
    VALUES ('delete', old.resource_id, old.match_name, old.match_summary, old.match_keywords, old.match_fields, old.match_tags);
    INSERT INTO catalog_search_text (rowid, match_name, match_summary, match_keywords, match_fields, match_tags)
    VALUES (new.resource_id, new.match_name, new.match_summary, new.match_keywords, new.match_fields, new.match_tags);
END;
