-- Directory: the organization tree, users and their roles, TOTP seeds, app credentials and
-- the nonces of signed requests. Secrets (TOTP seeds, app secrets) are stored sealed with the
-- master key kept outside the database, never in plain text.
-- Instants are ISO-8601 UTC text of fixed width (see DapperSetup), so text order is time order.
CREATE TABLE organizations (
    id             INTEGER PRIMARY KEY,
    parent_id      INTEGER REFERENCES organizations (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('province', 'city', 'county', 'department')),
    division_code  TEXT    NOT NULL,
    short_code     TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    credit_code    TEXT,
    path           TEXT    NOT NULL,
    created_at     TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_organizations_region ON organizations (division_code) WHERE kind <> 'department';
CREATE UNIQUE INDEX ux_organizations_sibling_code ON organizations (COALESCE(parent_id, 0), short_code);
CREATE UNIQUE INDEX ux_organizations_credit_code ON organizations (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX ix_organizations_parent ON organizations (parent_id);
CREATE INDEX ix_organizations_path ON organizations (path);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT    NOT NULL,
    username_normalized  TEXT    NOT NULL UNIQUE,
    display_name         TEXT    NOT NULL,
    organization_id      INTEGER NOT NULL REFERENCES organizations (id),
    password_hash        TEXT    NOT NULL,
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_attempts      INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    created_at           TEXT    NOT NULL,
    password_changed_at  TEXT    NOT NULL,
    last_sign_in_at      TEXT
);
CREATE INDEX ix_users_organization ON users (organization_id);

CREATE TABLE user_roles (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT    NOT NULL CHECK (role IN ('platform_admin', 'provider_admin', 'consumer', 'auditor', 'public')),
    PRIMARY KEY (user_id, role)
);

-- A user has at most one active seed and one pending (enrolment not yet confirmed).
-- last_step is the last accepted RFC 6238 time step: a code is never accepted twice.
CREATE TABLE user_totp (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state          TEXT    NOT NULL CHECK (state IN ('pending', 'active')),
    secret_sealed  BLOB    NOT NULL,
    algorithm      TEXT    NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
    digits         INTEGER NOT NULL CHECK (digits BETWEEN 6 AND 8),
    last_step      INTEGER,
    created_at     TEXT    NOT NULL,
    PRIMARY KEY (user_id, state)
);

CREATE TABLE app_credentials (
    id               INTEGER PRIMARY KEY,
    app_key          TEXT    NOT NULL UNIQUE,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id),
    owner_user_id    INTEGER REFERENCES users (id),
    label            TEXT    NOT NULL,
    secret_sealed    BLOB    NOT NULL,
    fingerprint      TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    expires_at       TEXT,
    revoked_at       TEXT,
    last_used_at     TEXT
);
CREATE INDEX ix_app_credentials_organization ON app_credentials (organization_id);

-- Nonces of accepted signed requests, kept while their timestamp is inside the freshness window.
CREATE TABLE request_nonces (
    app_key     TEXT NOT NULL,
    nonce       TEXT NOT NULL,
    request_at  TEXT NOT NULL,
    PRIMARY KEY (app_key, nonce)
);
CREATE INDEX ix_request_nonces_request_at ON request_nonces (request_at);
