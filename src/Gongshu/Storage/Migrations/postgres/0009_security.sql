-- Data security (see docs/SECURITY.md).

-- Field encryption keys. The keys themselves live outside the database (keys/field-keys or
-- GONGSHU_FIELD_KEYS); the database keeps only a check value per key, so a start with a missing
-- or wrong key is refused instead of serving ciphertext or failing row by row. One key is
-- 'active' (new values); 'retiring' keys still protect values a rotation has not reached.
CREATE TABLE field_keys (
    key_id       integer     PRIMARY KEY,
    check_value  text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('active', 'retiring', 'retired')),
    created_at   timestamptz NOT NULL,
    retired_at   timestamptz
);
CREATE UNIQUE INDEX ux_field_keys_active ON field_keys (state) WHERE state = 'active';

-- What detection suggested for each field of a resource, and what its provider confirmed
-- or overrode (分类分级). The confirmed values, when present, are the ones in force.
CREATE TABLE field_classifications (
    resource_id      bigint           NOT NULL REFERENCES catalog_resources (id),
    field_name       text             NOT NULL,
    detected_type    text             NOT NULL,
    confidence       double precision NOT NULL,
    sampled          integer          NOT NULL,
    matched          integer          NOT NULL,
    suggested_grade  text             NOT NULL,
    scanned_at       timestamptz      NOT NULL,
    confirmed_type   text,
    confirmed_grade  text,
    confirmed_by     bigint,
    confirmed_at     timestamptz,
    PRIMARY KEY (resource_id, field_name)
);

-- Masking policies, one row per saved version; the highest version is in force. Each delivery's
-- audit entry names the version and fingerprint it applied.
CREATE TABLE masking_policies (
    version      integer     PRIMARY KEY,
    policy_json  text        NOT NULL,
    fingerprint  text        NOT NULL,
    created_by   bigint      NOT NULL,
    created_at   timestamptz NOT NULL
);
