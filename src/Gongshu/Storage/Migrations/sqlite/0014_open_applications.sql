-- Restricted opening (受限开放, see STANDARDS.md §7): a member of the public applies for a
-- restricted open resource, accepting the open-use agreement; the provider department decides,
-- and an approval lets the applicant download the data through the open channel's masking
-- within its validity period. Also the optional contact a member of the public gives at registration.
CREATE TABLE open_applications (
    id                 INTEGER PRIMARY KEY,
    resource_id        INTEGER NOT NULL REFERENCES catalog_resources (id),
    provider_id        INTEGER NOT NULL REFERENCES organizations (id),
    applicant_id       INTEGER NOT NULL,
    purpose            TEXT    NOT NULL,
    scenario           TEXT    NOT NULL,
    agreement_version  TEXT    NOT NULL,           -- the open-use agreement accepted when filing
    state              TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'refused', 'withdrawn')),
    valid_from         TEXT,                       -- yyyy-MM-dd, set on approval
    valid_to           TEXT,
    refusal_reason     TEXT,
    decided_by         INTEGER,
    decided_at         TEXT,
    filed_at           TEXT    NOT NULL
);
CREATE INDEX ix_open_applications_applicant ON open_applications (applicant_id, resource_id, state);
CREATE INDEX ix_open_applications_provider ON open_applications (provider_id, id);

CREATE TABLE public_contacts (
    user_id        INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    mobile         TEXT,
    email          TEXT,
    registered_at  TEXT NOT NULL
);
