-- Dataset versions: each load writes a new table, then the current pointer switches in one transaction.
CREATE TABLE dataset_versions (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_key  text        NOT NULL,
    table_name    text        NOT NULL UNIQUE,
    state         text        NOT NULL CHECK (state IN ('loading', 'ready', 'current', 'superseded', 'abandoned')),
    row_count     bigint      NOT NULL DEFAULT 0,
    columns_json  text        NOT NULL,
    owner         text        NOT NULL,
    created_at    timestamptz NOT NULL,
    heartbeat_at  timestamptz NOT NULL,
    switched_at   timestamptz
);
CREATE INDEX ix_dataset_versions_resource ON dataset_versions (resource_key, state);

CREATE TABLE dataset_current (
    resource_key  text        PRIMARY KEY,
    version_id    bigint      NOT NULL REFERENCES dataset_versions (id),
    switched_at   timestamptz NOT NULL
);
