-- Data governance (see docs/GOVERNANCE.md).

-- A resource's quality rules (质量规则), one saved version per change; the highest is in force.
CREATE TABLE quality_rule_sets (
    resource_id  bigint      NOT NULL REFERENCES catalog_resources (id),
    version      integer     NOT NULL,
    rules_json   text        NOT NULL,
    created_by   bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (resource_id, version)
);

-- What the rules found: in one load, checked inline while it was read (load_id), or in the data
-- in force, checked on demand (load_id null).
CREATE TABLE quality_results (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    load_id        bigint      REFERENCES collection_loads (id),
    resource_id    bigint      NOT NULL REFERENCES catalog_resources (id),
    rules_version  integer     NOT NULL,
    rows_checked   bigint      NOT NULL,
    rows_failing   bigint      NOT NULL,
    summary_json   text        NOT NULL,
    checked_at     timestamptz NOT NULL
);
CREATE INDEX ix_quality_results_resource ON quality_results (resource_id, id);
