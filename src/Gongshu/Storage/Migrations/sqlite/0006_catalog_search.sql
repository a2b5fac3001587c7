-- Catalog search (目录检索), see docs/SEARCH.md: one row per published resource, written by the
-- catalog in the transaction that publishes or retires it. No foreign keys to the catalog's own
-- tables, so the index can be dropped and rebuilt on its own (CatalogSearchIndex.ReindexAllAsync).
-- match_* hold the matched text normalized (NFKC, lower case); list items are joined by line
-- breaks, which no search term contains, so a term never matches across two items.
-- stamp: the version of the index (catalog_search_state) that wrote the row, so a searcher that
-- holds an older version in memory reads only what changed since.
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
    match_tags           TEXT    NOT NULL,
    stamp                INTEGER NOT NULL
);
CREATE INDEX ix_catalog_search_stamp ON catalog_search (stamp);

-- Tags as given (the tag filter and facet match them exactly), in the catalog's order.
CREATE TABLE catalog_search_tags (
    resource_id  INTEGER NOT NULL REFERENCES catalog_search (resource_id),
    tag          TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (resource_id, tag)
);

-- The index's version, moved on by every write; generation by every rebuild.
CREATE TABLE catalog_search_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL,
    version     INTEGER NOT NULL
);
INSERT INTO catalog_search_state (id, generation, version) VALUES (1, 0, 0);

-- Resources removed from the index, with the version that removed them (emptied by a rebuild).
CREATE TABLE catalog_search_removed (
    resource_id  INTEGER NOT NULL,
    stamp        INTEGER NOT NULL
);
CREATE INDEX ix_catalog_search_removed_stamp ON catalog_search_removed (stamp);

-- Trigram index over the normalized text but the name (names are matched in memory), reading its
-- content from catalog_search (no second copy). The text is lower-cased already, so the tokenizer
-- keeps case and matches exactly what instr() matches on the scan path. Terms of 3+ characters.
CREATE VIRTUAL TABLE catalog_search_text USING fts5 (
    match_summary, match_keywords, match_fields, match_tags,
    content = 'catalog_search', content_rowid = 'resource_id',
    tokenize = 'trigram case_sensitive 1'
);

CREATE TRIGGER catalog_search_text_insert AFTER INSERT ON catalog_search
BEGIN
    INSERT INTO catalog_search_text (rowid, match_summary, match_keywords, match_fields, match_tags)
    VALUES (new.resource_id, new.match_summary, new.match_keywords, new.match_fields, new.match_tags);
END;
CREATE TRIGGER catalog_search_text_delete AFTER DELETE ON catalog_search
BEGIN
    INSERT INTO catalog_search_text (catalog_search_text, rowid, match_summary, match_keywords, match_fields, match_tags)
    VALUES ('delete', old.resource_id, old.match_summary, old.match_keywords, old.match_fields, old.match_tags);
END;
CREATE TRIGGER catalog_search_text_update AFTER UPDATE ON catalog_search
BEGIN
    INSERT INTO catalog_search_text (catalog_search_text, rowid, match_summary, match_keywords, match_fields, match_tags)
    VALUES ('delete', old.resource_id, old.match_summary, old.match_keywords, old.match_fields, old.match_tags);
    INSERT INTO catalog_search_text (rowid, match_summary, match_keywords, match_fields, match_tags)
    VALUES (new.resource_id, new.match_summary, new.match_keywords, new.match_fields, new.match_tags);
END;

-- Bigram index for two-character terms (a trigram index has nothing to look up for them): each
-- column holds the distinct pairs of adjacent letters, digits or non-ASCII characters of the
-- summary, the keywords and tags, and the fields, separated by spaces (SearchText.Bigrams,
-- written by the catalog search). The ascii tokenizer keeps exactly those characters inside a
-- token, so every pair is one token. Contentless: only the index is stored.
CREATE VIRTUAL TABLE catalog_search_grams USING fts5 (
    summary, keytags, fields,
    content = '', contentless_delete = 1, detail = column, tokenize = 'ascii'
);
