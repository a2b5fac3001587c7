-- Request nonces keyed by their signed timestamp first. A replay carries the very timestamp it
-- was signed with, so (request_at, app_key, nonce) refuses every replay that (app_key, nonce)
-- did, while new nonces now go to the end of one index instead of random places in one plus the
-- end of another: the gateway spends them in the audit log's durable commit, where each page
-- written counts. Pruning by time walks the same key.
CREATE TABLE request_nonces_by_time (
    request_at  TEXT NOT NULL,
    app_key     TEXT NOT NULL,
    nonce       TEXT NOT NULL,
    PRIMARY KEY (request_at, app_key, nonce)
) WITHOUT ROWID;
INSERT INTO request_nonces_by_time (request_at, app_key, nonce) SELECT request_at, app_key, nonce FROM request_nonces;
DROP TABLE request_nonces;
ALTER TABLE request_nonces_by_time RENAME TO request_nonces;
