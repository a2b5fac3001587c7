-- The audit log (审计日志): append-only and hash-chained. seq is assigned by the writer under the
-- lock on audit_head, so it is gapless; hash = SM3(prev_hash || canonical entry), see docs/AUDIT.md.
-- detail and client_address are text, not jsonb/inet: the database must return exactly what was hashed.
CREATE TABLE audit_log (
    seq            bigint      PRIMARY KEY CHECK (seq > 0),
    at             timestamptz NOT NULL,
    actor          text        NOT NULL,
    organization   text,
    action         text        NOT NULL,
    object         text,
    purpose        text,
    outcome        text        NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    client_address text,
    detail         text,
    prev_hash      bytea       NOT NULL,
    hash           bytea       NOT NULL
);
-- What AuditSearch looks up: actor and object newest first, and time ranges. Its action filter is a
-- prefix (substr), which no B-tree under the database's collation can serve, so action has no index:
-- one would only slow every append.
CREATE INDEX ix_audit_log_actor ON audit_log (actor, seq);
CREATE INDEX ix_audit_log_object ON audit_log (object, seq);
CREATE INDEX ix_audit_log_at ON audit_log (at);

-- SM2 signatures over (seq, hash): they catch a tail cut off or a chain recomputed without the key.
CREATE TABLE audit_checkpoints (
    seq        bigint      PRIMARY KEY,
    hash       bytea       NOT NULL,
    signature  bytea       NOT NULL,
    signed_at  timestamptz NOT NULL,
    signer     text        NOT NULL
);

-- The one row every writer locks (SELECT ... FOR UPDATE) to extend the chain: all processes
-- on this database append one after another, each reading the head inside its own transaction.
CREATE TABLE audit_head (
    id    integer PRIMARY KEY CHECK (id = 1),
    seq   bigint  NOT NULL,
    hash  bytea   NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Lets the group-commit writer send a batch chained from the head it wrote last in one message:
-- locks the head as SELECT ... FOR UPDATE would, and fails (SQLSTATE GA001, so the whole
-- transaction rolls back) unless the head is still that one. Then something else extended the
-- chain meanwhile, and the writer locks and reads the head and chains the batch again.
CREATE FUNCTION audit_lock_head(expected_seq bigint, expected_hash bytea) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM audit_head WHERE id = 1 AND seq = expected_seq AND hash = expected_hash FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The audit chain head is no longer entry %.', expected_seq USING ERRCODE = 'GA001';
    END IF;
END;
$$;

CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % on % is not allowed.', TG_OP, TG_TABLE_NAME
        USING HINT = 'Audit entries and checkpoints can never be changed or removed.';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_head_keep BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
