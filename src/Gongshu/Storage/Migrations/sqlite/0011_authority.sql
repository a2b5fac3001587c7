-- 一数一源: each data element's one authoritative source, and the resources that carry copies of it
-- (see docs/GOVERNANCE.md).

-- A data element (数据元), e.g. person.name, and the published resource that is its authority:
-- the field that identifies a record there (key_field) and the field that holds the element.
CREATE TABLE authority_elements (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    resource_id    INTEGER NOT NULL REFERENCES catalog_resources (id),
    resource_code  TEXT    NOT NULL,
    key_field      TEXT    NOT NULL,
    value_field    TEXT    NOT NULL,
    created_by     INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,
    updated_by     INTEGER NOT NULL,
    updated_at     TEXT    NOT NULL
);

-- Another resource carrying the same element; its provider answers for keeping it in step.
CREATE TABLE authority_copies (
    id             INTEGER PRIMARY KEY,
    element_id     INTEGER NOT NULL REFERENCES authority_elements (id),
    resource_id    INTEGER NOT NULL REFERENCES catalog_resources (id),
    resource_code  TEXT    NOT NULL,
    provider_id    INTEGER NOT NULL,
    key_field      TEXT    NOT NULL,
    value_field    TEXT    NOT NULL,
    created_by     INTEGER NOT NULL,
    created_at     TEXT    NOT NULL,
    UNIQUE (element_id, resource_id, value_field)
);
