-- Data security (see docs/SECURITY.md).

-- Field encryption keys. The keys themselves live outside the database (keys/field-keys or
-- GONGSHU_FIELD_KEYS); the database keeps only a check value per key, so a start with a missing
-- or wrong key is refused instead of serving ciphertext or failing row by row. One key is
-- 'active' (new values); 'retiring' keys still protect values a rotation has not reached.
CREATE TABLE field_keys (
    key_id       INTEGER PRIMARY KEY,
    check_value  TEXT    NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('active', 'retiring', 'retired')),
    created_at   TEXT    NOT NULL,
    retired_at   TEXT
);
CREATE UNIQUE INDEX ux_field_keys_active ON field_keys (state) WHERE state = 'active';

-- What detection suggested for each field of a resource, and what its provider confirmed
-- or overrode (分类分级). The confirmed values, when present, are the ones in force.
CREATE TABLE field_classifications (
    resource_id      INTEGER NOT NULL REFERENCES catalog_resources (id),
    field_name       TEXT    NOT NULL,
    detected_type    TEXT    NOT NULL,
    confidence       REAL    NOT NULL,
    sampled          INTEGER NOT NULL,
    matched          INTEGER NOT NULL,
    suggested_grade  TEXT    NOT NULL,
    scanned_at       TEXT    NOT NULL,
    confirmed_type   TEXT,
    confirmed_grade  TEXT,
    confirmed_by     INTEGER,
    confirmed_at     TEXT,
    PRIMARY KEY (resource_id, field_name)
);

-- Masking policies, one row per saved version; the highest version is in force. Each delivery's
-- audit entry names the version and fingerprint it applied.
CREATE TABLE masking_policies (
    version      INTEGER PRIMARY KEY,
    policy_json  TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    created_by   INTEGER NOT NULL,
    created_at   TEXT    NOT NULL
);
