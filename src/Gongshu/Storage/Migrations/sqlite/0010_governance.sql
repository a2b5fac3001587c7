-- Data governance (see docs/GOVERNANCE.md).

-- A resource's quality rules (质量规则), one saved version per change; the highest is in force.
CREATE TABLE quality_rule_sets (
    resource_id  INTEGER NOT NULL REFERENCES catalog_resources (id),
    version      INTEGER NOT NULL,
    rules_json   TEXT    NOT NULL,
    created_by   INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (resource_id, version)
);

-- What the rules found: in one load, checked inline while it was read (load_id), or in the data
-- in force, checked on demand (load_id null).
CREATE TABLE quality_results (
    id             INTEGER PRIMARY KEY,
    load_id        INTEGER REFERENCES collection_loads (id),
    resource_id    INTEGER NOT NULL REFERENCES catalog_resources (id),
    rules_version  INTEGER NOT NULL,
    rows_checked   INTEGER NOT NULL,
    rows_failing   INTEGER NOT NULL,
    summary_json   TEXT    NOT NULL,
    checked_at     TEXT    NOT NULL
);
CREATE INDEX ix_quality_results_resource ON quality_results (resource_id, id);
