-- Restricted opening (受限开放, see STANDARDS.md §7): a member of the public applies for a
-- restricted open resource, accepting the open-use agreement; the provider department decides,
-- and an approval lets the applicant download the data through the open channel's masking
-- within its validity period. Also the optional contact a member of the public gives at registration.
CREATE TABLE open_applications (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id        bigint NOT NULL REFERENCES catalog_resources (id),
    provider_id        bigint NOT NULL REFERENCES organizations (id),
    applicant_id       bigint NOT NULL,
    purpose            text   NOT NULL,
    scenario           text   NOT NULL,
    agreement_version  text   NOT NULL,           -- the open-use agreement accepted when filing
    state              text   NOT NULL CHECK (state IN ('pending', 'approved', 'refused', 'withdrawn')),
    valid_from         text,                      -- yyyy-MM-dd, set on approval
    valid_to           text,
    refusal_reason     text,
    decided_by         bigint,
    decided_at         timestamptz,
    filed_at           timestamptz NOT NULL
);
CREATE INDEX ix_open_applications_applicant ON open_applications (applicant_id, resource_id, state);
CREATE INDEX ix_open_applications_provider ON open_applications (provider_id, id);

CREATE TABLE public_contacts (
    user_id        bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    mobile         text,
    email          text,
    registered_at  timestamptz NOT NULL
);
