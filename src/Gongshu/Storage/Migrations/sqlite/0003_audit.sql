-- The audit log (审计日志): append-only and hash-chained. seq is assigned by the writer while it
-- holds the database write lock, so it is gapless; hash = SM3(prev_hash || canonical entry),
-- see docs/AUDIT.md. at is fixed-width ISO-8601 UTC text, so text order is time order.
CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY CHECK (seq > 0),
    at             TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    organization   TEXT,
    action         TEXT    NOT NULL,
    object         TEXT,
    purpose        TEXT,
    outcome        TEXT    NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    client_address TEXT,
    detail         TEXT,
    prev_hash      BLOB    NOT NULL,
    hash           BLOB    NOT NULL
);
-- at follows seq (both come from the order of appends), so this index grows at its end.
CREATE INDEX ix_audit_log_at ON audit_log (at);

-- Who and what are found through a full-text index rather than B-tree indexes. A B-tree index on
-- actor or object takes each new entry at a random place: every entry dirties a page of its own
-- in each index, and SQLite's write-ahead log copies whole pages, so at 1,000,000 entries the two
-- indexes made every append write ~14 KB and held SQLite below 20,000 entries/s. FTS5 gathers a
-- transaction's terms in memory and writes them as one new segment, merged later in bulk.
-- Each entry's terms are its actor, organization and object as hex of their UTF-8 bytes behind a
-- tag ('a', 'g', 'o'): one exact token per value. AuditSearch matches the token and then compares
-- the column itself. Every write indexes its entries in the transaction that inserts them
-- (INSERT INTO audit_terms (rowid, terms) SELECT seq, terms FROM audit_log_terms WHERE seq BETWEEN ...).
-- The index is derived data, not evidence: INSERT INTO audit_terms (audit_terms) VALUES ('rebuild')
-- remakes it from audit_log, and `gongshu audit verify` never reads it.
-- The action prefix search (substr) cannot use an index on either engine; the time range uses ix_audit_log_at.
CREATE VIEW audit_log_terms AS
SELECT seq,
       'a' || hex(actor)
           || iif(organization IS NULL, '', ' g' || hex(organization))
           || iif(object IS NULL, '', ' o' || hex(object)) AS terms
FROM audit_log;
CREATE VIRTUAL TABLE audit_terms USING fts5(
    terms, content = 'audit_log_terms', content_rowid = 'seq', detail = none, columnsize = 0, tokenize = 'ascii');

-- SM2 signatures over (seq, hash): they catch a tail cut off or a chain recomputed without the key.
CREATE TABLE audit_checkpoints (
    seq        INTEGER PRIMARY KEY,
    hash       BLOB    NOT NULL,
    signature  BLOB    NOT NULL,
    signed_at  TEXT    NOT NULL,
    signer     TEXT    NOT NULL
);

-- The last seq and hash, updated by every append: writing it first takes SQLite's write lock.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  BLOB    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, zeroblob(32));

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: UPDATE on audit_log is not allowed.');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: DELETE on audit_log is not allowed.');
END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: UPDATE on audit_checkpoints is not allowed.');
END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: DELETE on audit_checkpoints is not allowed.');
END;
CREATE TRIGGER audit_head_keep BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'The audit log is append-only: DELETE on audit_head is not allowed.');
END;
