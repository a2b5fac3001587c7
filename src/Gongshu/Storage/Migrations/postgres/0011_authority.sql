-- 一数一源: each data element's one authoritative source, and the resources that carry copies of it
-- (see docs/GOVERNANCE.md).

-- A data element (数据元), e.g. person.name, and the published resource that is its authority:
-- the field that identifies a record there (key_field) and the field that holds the element.
CREATE TABLE authority_elements (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text        NOT NULL UNIQUE,
    name           text        NOT NULL,
    resource_id    bigint      NOT NULL REFERENCES catalog_resources (id),
    resource_code  text        NOT NULL,
    key_field      text        NOT NULL,
    value_field    text        NOT NULL,
    created_by     bigint      NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_by     bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Another resource carrying the same element; its provider answers for keeping it in step.
CREATE TABLE authority_copies (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    element_id     bigint      NOT NULL REFERENCES authority_elements (id),
    resource_id    bigint      NOT NULL REFERENCES catalog_resources (id),
    resource_code  text        NOT NULL,
    provider_id    bigint      NOT NULL,
    key_field      text        NOT NULL,
    value_field    text        NOT NULL,
    created_by     bigint      NOT NULL,
    created_at     timestamptz NOT NULL,
    UNIQUE (element_id, resource_id, value_field)
);
