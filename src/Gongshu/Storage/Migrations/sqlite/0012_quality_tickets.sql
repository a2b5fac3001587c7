-- Problem tickets (问题数据工单, see docs/GOVERNANCE.md): a data problem sent back to the
-- department that provides the data, followed until the platform has verified the fix.

CREATE TABLE quality_tickets (
    id                 INTEGER PRIMARY KEY,
    resource_id        INTEGER NOT NULL REFERENCES catalog_resources (id),
    provider_id        INTEGER NOT NULL REFERENCES organizations (id),
    origin             TEXT NOT NULL,                       -- rule (opened by the platform) | correction (数据纠错)
    rule               TEXT,                                -- the rule's description, e.g. "id_number: identity_number"
    threshold          REAL,                                  -- the failure rate the fix must get under
    failure_rate       REAL,                                  -- the latest finding's
    result_id          INTEGER REFERENCES quality_results (id),  -- the latest findings about it
    field              TEXT,
    record_key_masked  TEXT,                                -- shown to everyone who sees the ticket
    record_key_sealed  BLOB,                                 -- the whole key, sealed with the master key
    correction_masked  TEXT,
    correction_sealed  BLOB,
    description        TEXT NOT NULL,
    state              TEXT NOT NULL,                       -- open, rectifying, submitted, verified, closed, reopened
    resolution         TEXT,                                -- rectified | dismissed, once closed
    opened_by          INTEGER,                                  -- null: opened by the platform
    reporter_org_id    INTEGER REFERENCES organizations (id),
    opened_at          TEXT NOT NULL,
    due_at             TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    verified_at        TEXT,
    closed_at          TEXT,
    revision           INTEGER NOT NULL
);
CREATE INDEX ix_quality_tickets_provider ON quality_tickets (provider_id, state);
CREATE INDEX ix_quality_tickets_reporter ON quality_tickets (reporter_org_id);
-- One unfinished ticket per failing rule: later findings update it instead of piling up.
CREATE UNIQUE INDEX ux_quality_tickets_rule ON quality_tickets (resource_id, rule)
    WHERE origin = 'rule' AND state IN ('open', 'rectifying', 'submitted', 'reopened');

-- Every step of a ticket, in order (also in the audit log).
CREATE TABLE quality_ticket_events (
    ticket_id        INTEGER NOT NULL REFERENCES quality_tickets (id),
    seq              INTEGER NOT NULL,
    action           TEXT NOT NULL,
    from_state       TEXT,
    to_state         TEXT NOT NULL,
    actor            TEXT NOT NULL,
    organization_id  INTEGER,
    comment          TEXT,
    at               TEXT NOT NULL,
    PRIMARY KEY (ticket_id, seq)
);
