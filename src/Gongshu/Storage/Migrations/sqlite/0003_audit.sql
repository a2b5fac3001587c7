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
CREATE INDEX ix_audit_log_actor ON audit_log (actor, seq);
CREATE INDEX ix_audit_log_action ON audit_log (action, seq);
CREATE INDEX ix_audit_log_object ON audit_log (object, seq);
CREATE INDEX ix_audit_log_at ON audit_log (at);

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
