-- Collection sources (归集任务): a database table or query, or a paged HTTP API, pulled into a
-- resource on a schedule (see docs/COLLECTION.md). Connection strings and HTTP headers are
-- sealed with the platform's master key (secret_sealed); settings_json holds the rest.
CREATE TABLE collection_sources (
    id               INTEGER PRIMARY KEY,
    resource_id      INTEGER NOT NULL REFERENCES catalog_resources (id),
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('postgres', 'sqlite', 'http')),
    settings_json    TEXT    NOT NULL,
    secret_sealed    BLOB,
    mode             TEXT    NOT NULL CHECK (mode IN ('full', 'append', 'upsert')),
    mapping_json     TEXT,
    schedule         TEXT,
    enabled          INTEGER NOT NULL,
    watermark        TEXT,
    next_run_at      TEXT,
    last_run_at      TEXT,
    last_load_id     INTEGER,
    last_error       TEXT,
    created_by       INTEGER NOT NULL,
    organization_id  INTEGER NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX ix_collection_sources_resource ON collection_sources (resource_id, id);
CREATE INDEX ix_collection_sources_due ON collection_sources (next_run_at) WHERE enabled = 1;

-- Alerts about a resource's data, e.g. 'stale': older than its update cycle allows. At most one
-- open alert of a kind per resource; clearing it keeps it as history.
CREATE TABLE collection_alerts (
    id           INTEGER PRIMARY KEY,
    resource_id  INTEGER NOT NULL REFERENCES catalog_resources (id),
    kind         TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    raised_at    TEXT    NOT NULL,
    cleared_at   TEXT
);
CREATE UNIQUE INDEX ux_collection_alerts_open ON collection_alerts (resource_id, kind) WHERE cleared_at IS NULL;
