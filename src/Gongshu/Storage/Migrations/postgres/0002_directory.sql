-- Directory: the organization tree, users and their roles, TOTP seeds, app credentials and
-- the nonces of signed requests. Secrets (TOTP seeds, app secrets) are stored sealed with the
-- master key kept outside the database, never in plain text.
CREATE TABLE organizations (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id      bigint      REFERENCES organizations (id),
    kind           text        NOT NULL CHECK (kind IN ('province', 'city', 'county', 'department')),
    division_code  text        NOT NULL,
    short_code     text        NOT NULL,
    name           text        NOT NULL,
    credit_code    text,
    path           text        NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_organizations_region ON organizations (division_code) WHERE kind <> 'department';
CREATE UNIQUE INDEX ux_organizations_sibling_code ON organizations (COALESCE(parent_id, 0), short_code);
CREATE UNIQUE INDEX ux_organizations_credit_code ON organizations (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX ix_organizations_parent ON organizations (parent_id);
CREATE INDEX ix_organizations_path ON organizations (path text_pattern_ops);

CREATE TABLE users (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             text        NOT NULL,
    username_normalized  text        NOT NULL UNIQUE,
    display_name         text        NOT NULL,
    organization_id      bigint      NOT NULL REFERENCES organizations (id),
    password_hash        text        NOT NULL,
    disabled             boolean     NOT NULL DEFAULT false,
    failed_attempts      integer     NOT NULL DEFAULT 0,
    locked_until         timestamptz,
    created_at           timestamptz NOT NULL,
    password_changed_at  timestamptz NOT NULL,
    last_sign_in_at      timestamptz
);
CREATE INDEX ix_users_organization ON users (organization_id);

CREATE TABLE user_roles (
    user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     text   NOT NULL CHECK (role IN ('platform_admin', 'provider_admin', 'consumer', 'auditor', 'public')),
    PRIMARY KEY (user_id, role)
);

-- A user has at most one active seed and one pending (enrolment not yet confirmed).
-- last_step is the last accepted RFC 6238 time step: a code is never accepted twice.
CREATE TABLE user_totp (
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state          text        NOT NULL CHECK (state IN ('pending', 'active')),
    secret_sealed  bytea       NOT NULL,
    algorithm      text        NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
    digits         integer     NOT NULL CHECK (digits BETWEEN 6 AND 8),
    last_step      bigint,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (user_id, state)
);

CREATE TABLE app_credentials (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app_key          text        NOT NULL UNIQUE,
    organization_id  bigint      NOT NULL REFERENCES organizations (id),
    owner_user_id    bigint      REFERENCES users (id),
    label            text        NOT NULL,
    secret_sealed    bytea       NOT NULL,
    fingerprint      text        NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz,
    revoked_at       timestamptz,
    last_used_at     timestamptz
);
CREATE INDEX ix_app_credentials_organization ON app_credentials (organization_id);

-- Nonces of accepted signed requests, kept while their timestamp is inside the freshness window.
CREATE TABLE request_nonces (
    app_key     text        NOT NULL,
    nonce       text        NOT NULL,
    request_at  timestamptz NOT NULL,
    PRIMARY KEY (app_key, nonce)
);
CREATE INDEX ix_request_nonces_request_at ON request_nonces (request_at);
