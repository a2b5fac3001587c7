-- Collection (数据归集), see docs/COLLECTION.md. Every load of a resource's data leaves one row in
-- collection_loads, running or finished; the rows it refused, with the reason, in collection_rejects.
CREATE TABLE collection_loads (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id         bigint      NOT NULL REFERENCES catalog_resources (id),
    resource_code       text        NOT NULL,
    mode                text        NOT NULL CHECK (mode IN ('full', 'append', 'upsert')),
    source_kind         text        NOT NULL,
    source_name         text        NOT NULL,
    source_format       text,
    encoding            text,
    fingerprint         text,
    bytes_read          bigint      NOT NULL DEFAULT 0,
    state               text        NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    rows_read           bigint      NOT NULL DEFAULT 0,
    rows_loaded         bigint      NOT NULL DEFAULT 0,
    rows_rejected       bigint      NOT NULL DEFAULT 0,
    rejects_kept        bigint      NOT NULL DEFAULT 0,
    dataset_version_id  bigint,
    source_id           bigint,
    watermark           text,
    error_code          text,
    error_message       text,
    actor_user_id       bigint      NOT NULL,
    organization_id     bigint      NOT NULL,
    owner               text        NOT NULL,
    started_at          timestamptz NOT NULL,
    heartbeat_at        timestamptz NOT NULL,
    finished_at         timestamptz,
    duration_ms         bigint
);
CREATE INDEX ix_collection_loads_resource ON collection_loads (resource_id, id);
CREATE INDEX ix_collection_loads_running ON collection_loads (state) WHERE state = 'running';

-- line: where the row starts in the source (a file's line, a query's row number).
CREATE TABLE collection_rejects (
    load_id  bigint  NOT NULL REFERENCES collection_loads (id),
    ordinal  integer NOT NULL,
    line     bigint  NOT NULL,
    field    text,
    reason   text    NOT NULL,
    record   text,
    PRIMARY KEY (load_id, ordinal)
);
