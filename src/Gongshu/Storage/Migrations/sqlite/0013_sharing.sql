-- Data sharing (数据共享, see docs/SHARING.md): applications, their signed decisions, grants,
-- notices of deadlines, and the gateway's call log for statistics.

-- A consumer department's application for a published resource.
CREATE TABLE share_applications (
    id                    INTEGER PRIMARY KEY,
    resource_id           INTEGER NOT NULL REFERENCES catalog_resources (id),
    provider_id           INTEGER NOT NULL REFERENCES organizations (id),
    consumer_org_id       INTEGER NOT NULL REFERENCES organizations (id),
    applicant_id          INTEGER NOT NULL,
    fields_json           TEXT NOT NULL,
    purpose               TEXT NOT NULL,
    scenario              TEXT NOT NULL,
    legal_basis           TEXT NOT NULL,
    period_from           TEXT NOT NULL,           -- yyyy-MM-dd
    period_to             TEXT NOT NULL,
    expected_daily_calls  INTEGER NOT NULL,
    share_type            TEXT NOT NULL,           -- the resource's share type when filed
    needs_platform        INTEGER NOT NULL,            -- a requested field is L3 or above
    renews_grant_id       INTEGER,
    state                 TEXT NOT NULL,           -- provider_review, platform_review, coordination, granted, refused, withdrawn
    stage_started_at      TEXT NOT NULL,
    stage_due_at          TEXT,
    reminded_at           TEXT,
    escalated_at          TEXT,
    refusal_reason        TEXT,
    grant_row_filter      TEXT,                    -- narrowing set by an approver, carried into the grant
    grant_daily_quota     INTEGER,
    grant_rate_limit      INTEGER,
    filed_at              TEXT NOT NULL,
    decided_at            TEXT,
    revision              INTEGER NOT NULL
);
CREATE INDEX ix_share_applications_provider ON share_applications (provider_id, state);
CREATE INDEX ix_share_applications_consumer ON share_applications (consumer_org_id, id);
CREATE INDEX ix_share_applications_due ON share_applications (state, stage_due_at);

-- Each decision on an application, signed with the platform's SM2 key over its canonical text.
CREATE TABLE share_decisions (
    id               INTEGER PRIMARY KEY,
    application_id   INTEGER NOT NULL REFERENCES share_applications (id),
    stage            TEXT NOT NULL,                -- compliance, provider, platform, coordination
    decision         TEXT NOT NULL,                -- approved, refused
    reason           TEXT,
    decided_by       TEXT NOT NULL,                -- a user id, or system
    organization_id  INTEGER,
    decided_at       TEXT NOT NULL,
    signed_text      TEXT NOT NULL,
    signature        TEXT NOT NULL,                -- hex, SM2 with the default user id
    public_key       TEXT NOT NULL
);
CREATE INDEX ix_share_decisions_application ON share_decisions (application_id, id);

-- What an approved application grants: fields, row filter, period, quota; the credential that calls it.
CREATE TABLE share_grants (
    id               INTEGER PRIMARY KEY,
    application_id   INTEGER NOT NULL UNIQUE REFERENCES share_applications (id),
    resource_id      INTEGER NOT NULL REFERENCES catalog_resources (id),
    provider_id      INTEGER NOT NULL REFERENCES organizations (id),
    consumer_org_id  INTEGER NOT NULL REFERENCES organizations (id),
    fields_json      TEXT NOT NULL,
    row_filter       TEXT,
    valid_from       TEXT NOT NULL,
    valid_to         TEXT NOT NULL,
    daily_quota      INTEGER NOT NULL,
    rate_limit       INTEGER NOT NULL,                  -- requests per second
    credential_id    INTEGER REFERENCES app_credentials (id),
    created_at       TEXT NOT NULL,
    revoked_at       TEXT,
    revoked_by       TEXT,
    revoke_reason    TEXT
);
CREATE INDEX ix_share_grants_consumer ON share_grants (consumer_org_id, id);
CREATE UNIQUE INDEX ux_share_grants_credential ON share_grants (credential_id);

-- Reminders, escalations and decisions for an organization's inbox (null: the platform admins').
CREATE TABLE share_notices (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER,
    application_id   INTEGER NOT NULL REFERENCES share_applications (id),
    kind             TEXT NOT NULL,
    message          TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_share_notices_org ON share_notices (organization_id, id);

-- One row per gateway call, for statistics (the audit log holds the same calls durably).
CREATE TABLE gateway_calls (
    id               INTEGER PRIMARY KEY,
    grant_id         INTEGER NOT NULL,
    consumer_org_id  INTEGER NOT NULL,
    resource_id      INTEGER NOT NULL,
    interface        TEXT NOT NULL,                -- lookup, query, verify, export, changes
    status           INTEGER NOT NULL,
    rows_returned    INTEGER NOT NULL,
    latency_ms       REAL NOT NULL,
    at               TEXT NOT NULL
);
CREATE INDEX ix_gateway_calls_at ON gateway_calls (at);
CREATE INDEX ix_gateway_calls_grant ON gateway_calls (grant_id, at);
