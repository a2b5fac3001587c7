-- Collection (数据归集), see docs/COLLECTION.md. Every load of a resource's data leaves one row in
-- collection_loads, running or finished; the rows it refused, with the reason, in collection_rejects.
-- Instants are fixed-width ISO-8601 UTC text (see DapperSetup).
CREATE TABLE collection_loads (
    id                  INTEGER PRIMARY KEY,
    resource_id         INTEGER NOT NULL REFERENCES catalog_resources (id),
    resource_code       TEXT    NOT NULL,
    mode                TEXT    NOT NULL CHECK (mode IN ('full', 'append', 'upsert')),
    source_kind         TEXT    NOT NULL,
    source_name         TEXT    NOT NULL,
    source_format       TEXT,
    encoding            TEXT,
    fingerprint         TEXT,
    bytes_read          INTEGER NOT NULL DEFAULT 0,
    state               TEXT    NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    rows_read           INTEGER NOT NULL DEFAULT 0,
    rows_loaded         INTEGER NOT NULL DEFAULT 0,
    rows_rejected       INTEGER NOT NULL DEFAULT 0,
    rejects_kept        INTEGER NOT NULL DEFAULT 0,
    dataset_version_id  INTEGER,
    source_id           INTEGER,
    watermark           TEXT,
    error_code          TEXT,
    error_message       TEXT,
    actor_user_id       INTEGER NOT NULL,
    organization_id     INTEGER NOT NULL,
    owner               TEXT    NOT NULL,
    started_at          TEXT    NOT NULL,
    heartbeat_at        TEXT    NOT NULL,
    finished_at         TEXT,
    duration_ms         INTEGER
);
CREATE INDEX ix_collection_loads_resource ON collection_loads (resource_id, id);
CREATE INDEX ix_collection_loads_running ON collection_loads (state) WHERE state = 'running';

-- line: where the row starts in the source (a file's line, a query's row number).
CREATE TABLE collection_rejects (
    load_id  INTEGER NOT NULL REFERENCES collection_loads (id),
    ordinal  INTEGER NOT NULL,
    line     INTEGER NOT NULL,
    field    TEXT,
    reason   TEXT    NOT NULL,
    record   TEXT,
    PRIMARY KEY (load_id, ordinal)
);
