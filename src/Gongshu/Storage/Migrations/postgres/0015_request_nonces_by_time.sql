-- Request nonces keyed by their signed timestamp first. A replay carries the very timestamp it
-- was signed with, so (request_at, app_key, nonce) refuses every replay that (app_key, nonce)
-- did, while new nonces now go to the end of one index instead of random places in one plus the
-- end of another: the gateway spends them in the audit log's durable commit, where each page
-- written counts. Pruning by time walks the same key.
ALTER TABLE request_nonces DROP CONSTRAINT request_nonces_pkey;
ALTER TABLE request_nonces ADD PRIMARY KEY (request_at, app_key, nonce);
DROP INDEX ix_request_nonces_request_at;
