-- Data sharing (数据共享, see docs/SHARING.md): applications, their signed decisions, grants,
-- notices of deadlines, and the gateway's call log for statistics.

-- A consumer department's application for a published resource.
CREATE TABLE share_applications (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id           bigint NOT NULL REFERENCES catalog_resources (id),
    provider_id           bigint NOT NULL REFERENCES organizations (id),
    consumer_org_id       bigint NOT NULL REFERENCES organizations (id),
    applicant_id          bigint NOT NULL,
    fields_json           TEXT NOT NULL,
    purpose               TEXT NOT NULL,
    scenario              TEXT NOT NULL,
    legal_basis           TEXT NOT NULL,
    period_from           TEXT NOT NULL,           -- yyyy-MM-dd
    period_to             TEXT NOT NULL,
    expected_daily_calls  integer NOT NULL,
    share_type            TEXT NOT NULL,           -- the resource's share type when filed
    needs_platform        boolean NOT NULL,            -- a requested field is L3 or above
    renews_grant_id       bigint,
    state                 TEXT NOT NULL,           -- provider_review, platform_review, coordination, granted, refused, withdrawn
    stage_started_at      timestamptz NOT NULL,
    stage_due_at          timestamptz,
    reminded_at           timestamptz,
    escalated_at          timestamptz,
    refusal_reason        TEXT,
    grant_row_filter      TEXT,                    -- narrowing set by an approver, carried into the grant
    grant_daily_quota     integer,
    grant_rate_limit      integer,
    filed_at              timestamptz NOT NULL,
    decided_at            timestamptz,
    revision              integer NOT NULL
);
CREATE INDEX ix_share_applications_provider ON share_applications (provider_id, state);
CREATE INDEX ix_share_applications_consumer ON share_applications (consumer_org_id, id);
CREATE INDEX ix_share_applications_due ON share_applications (state, stage_due_at);

-- Each decision on an application, signed with the platform's SM2 key over its canonical text.
CREATE TABLE share_decisions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id   bigint NOT NULL REFERENCES share_applications (id),
    stage            TEXT NOT NULL,                -- compliance, provider, platform, coordination
    decision         TEXT NOT NULL,                -- approved, refused
    reason           TEXT,
    decided_by       TEXT NOT NULL,                -- a user id, or system
    organization_id  bigint,
    decided_at       timestamptz NOT NULL,
    signed_text      TEXT NOT NULL,
    signature        TEXT NOT NULL,                -- hex, SM2 with the default user id
    public_key       TEXT NOT NULL
);
CREATE INDEX ix_share_decisions_application ON share_decisions (application_id, id);

-- What an approved application grants: fields, row filter, period, quota; the credential that calls it.
CREATE TABLE share_grants (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id   bigint NOT NULL UNIQUE REFERENCES share_applications (id),
    resource_id      bigint NOT NULL REFERENCES catalog_resources (id),
    provider_id      bigint NOT NULL REFERENCES organizations (id),
    consumer_org_id  bigint NOT NULL REFERENCES organizations (id),
    fields_json      TEXT NOT NULL,
    row_filter       TEXT,
    valid_from       TEXT NOT NULL,
    valid_to         TEXT NOT NULL,
    daily_quota      integer NOT NULL,
    rate_limit       integer NOT NULL,                  -- requests per second
    credential_id    bigint REFERENCES app_credentials (id),
    created_at       timestamptz NOT NULL,
    revoked_at       timestamptz,
    revoked_by       TEXT,
    revoke_reason    TEXT
);
CREATE INDEX ix_share_grants_consumer ON share_grants (consumer_org_id, id);
CREATE UNIQUE INDEX ux_share_grants_credential ON share_grants (credential_id);

-- Reminders, escalations and decisions for an organization's inbox (null: the platform admins').
CREATE TABLE share_notices (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint,
    application_id   bigint NOT NULL REFERENCES share_applications (id),
    kind             TEXT NOT NULL,
    message          TEXT NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX ix_share_notices_org ON share_notices (organization_id, id);

-- One row per gateway call, for statistics (the audit log holds the same calls durably).
CREATE TABLE gateway_calls (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grant_id         bigint NOT NULL,
    consumer_org_id  bigint NOT NULL,
    resource_id      bigint NOT NULL,
    interface        TEXT NOT NULL,                -- lookup, query, verify, export, changes
    status           integer NOT NULL,
    rows_returned    integer NOT NULL,
    latency_ms       double precision NOT NULL,
    at               timestamptz NOT NULL
);
CREATE INDEX ix_gateway_calls_at ON gateway_calls (at);
CREATE INDEX ix_gateway_calls_grant ON gateway_calls (grant_id, at);
