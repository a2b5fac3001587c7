-- Dataset versions: each load writes a new table, then the current pointer switches in one transaction.
CREATE TABLE dataset_versions (
    id            INTEGER PRIMARY KEY,
    resource_key  TEXT    NOT NULL,
    table_name    TEXT    NOT NULL UNIQUE,
    state         TEXT    NOT NULL CHECK (state IN ('loading', 'ready', 'current', 'superseded', 'abandoned')),
    row_count     INTEGER NOT NULL DEFAULT 0,
    columns_json  TEXT    NOT NULL,
    owner         TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    heartbeat_at  TEXT    NOT NULL,
    switched_at   TEXT
);
CREATE INDEX ix_dataset_versions_resource ON dataset_versions (resource_key, state);

CREATE TABLE dataset_current (
    resource_key  TEXT    PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES dataset_versions (id),
    switched_at   TEXT    NOT NULL
);
