-- Collection sources (归集任务): a database table or query, or a paged HTTP API, pulled into a
-- resource on a schedule (see docs/COLLECTION.md). Connection strings and HTTP headers are
-- sealed with the platform's master key (secret_sealed); settings_json holds the rest.
CREATE TABLE collection_sources (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id      bigint      NOT NULL REFERENCES catalog_resources (id),
    name             text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('postgres', 'sqlite', 'http')),
    settings_json    text        NOT NULL,
    secret_sealed    bytea,
    mode             text        NOT NULL CHECK (mode IN ('full', 'append', 'upsert')),
    mapping_json     text,
    schedule         text,
    enabled          boolean     NOT NULL,
    watermark        text,
    next_run_at      timestamptz,
    last_run_at      timestamptz,
    last_load_id     bigint,
    last_error       text,
    created_by       bigint      NOT NULL,
    organization_id  bigint      NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX ix_collection_sources_resource ON collection_sources (resource_id, id);
CREATE INDEX ix_collection_sources_due ON collection_sources (next_run_at) WHERE enabled;

-- Alerts about a resource's data, e.g. 'stale': older than its update cycle allows. At most one
-- open alert of a kind per resource; clearing it keeps it as history.
CREATE TABLE collection_alerts (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id  bigint      NOT NULL REFERENCES catalog_resources (id),
    kind         text        NOT NULL,
    message      text        NOT NULL,
    raised_at    timestamptz NOT NULL,
    cleared_at   timestamptz
);
CREATE UNIQUE INDEX ux_collection_alerts_open ON collection_alerts (resource_id, kind) WHERE cleared_at IS NULL;
