-- SQLite, the embedded default: the same tables as on MariaDB and PostgreSQL. Ids are rowid aliases;
-- timestamps are ISO-8601 text in UTC (what the JDBC driver writes for a LocalDateTime), so they sort as text.
-- The original's tables (seed-spec §7) with its bugs fixed, plus what the product needs:
-- certificates over time, refresh tokens, dead letters and a tamper-evident audit chain.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL DEFAULT 'user',
    client_id     VARCHAR(255),
    is_active     BOOLEAN      NOT NULL DEFAULT TRUE,
    last_login    TIMESTAMP   ,
    created_at    TIMESTAMP            NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    updated_at    TIMESTAMP            NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    CONSTRAINT uq_users_email UNIQUE (email),
    CONSTRAINT ck_users_role CHECK (role IN ('user', 'admin'))
);
CREATE INDEX idx_users_client_id ON users (client_id);

CREATE TABLE clients (
    id                INTEGER PRIMARY KEY,
    client_id         VARCHAR(255) NOT NULL,
    cert_fingerprint  VARCHAR(255) NOT NULL,
    domain            VARCHAR(255) NOT NULL DEFAULT 'default',
    status            VARCHAR(16)  NOT NULL DEFAULT 'active',
    issued_at         TIMESTAMP            NOT NULL,
    expires_at        TIMESTAMP            NOT NULL,
    revoked_at        TIMESTAMP   ,
    revocation_reason VARCHAR(500),
    created_at        TIMESTAMP            NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    updated_at        TIMESTAMP            NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    CONSTRAINT uq_clients_client_id UNIQUE (client_id),
    CONSTRAINT ck_clients_status CHECK (status IN ('active', 'revoked', 'expired'))
);
CREATE INDEX idx_clients_status ON clients (status);
CREATE INDEX idx_clients_expires_at ON clients (expires_at);

CREATE TABLE certificates (
    id                INTEGER PRIMARY KEY,
    client_id         VARCHAR(255) NOT NULL,
    serial            VARCHAR(64)  NOT NULL,
    fingerprint       VARCHAR(80)  NOT NULL,
    not_before        TIMESTAMP            NOT NULL,
    not_after         TIMESTAMP            NOT NULL,
    revoked_at        TIMESTAMP   ,
    revocation_reason VARCHAR(500),
    created_at        TIMESTAMP            NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    CONSTRAINT uq_certificates_serial UNIQUE (serial),
    CONSTRAINT uq_certificates_fingerprint UNIQUE (fingerprint),
    CONSTRAINT fk_certificates_client FOREIGN KEY (client_id) REFERENCES clients (client_id)
);
CREATE INDEX idx_certificates_client ON certificates (client_id);
CREATE INDEX idx_certificates_not_after ON certificates (not_after);

CREATE TABLE messages (
    id                      INTEGER PRIMARY KEY,
    message_id              VARCHAR(36)  NOT NULL,
    client_id               VARCHAR(255) NOT NULL,
    sender_number_hashed    VARCHAR(64)  NOT NULL,
    sender_number_encrypted VARCHAR(255) NOT NULL,
    encrypted_body          TEXT       NOT NULL,
    encryption_key_version  INT          NOT NULL,
    status                  VARCHAR(16)  NOT NULL DEFAULT 'queued',
    domain                  VARCHAR(255) NOT NULL DEFAULT 'default',
    attempt_count           INT          NOT NULL DEFAULT 0,
    error_message           VARCHAR(500),
    created_at              TIMESTAMP            NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    queued_at               TIMESTAMP            NOT NULL,
    delivered_at            TIMESTAMP   ,
    last_attempt_at         TIMESTAMP   ,
    CONSTRAINT uq_messages_message_id UNIQUE (message_id),
    CONSTRAINT ck_messages_status CHECK (status IN ('queued', 'processing', 'delivered', 'failed')),
    CONSTRAINT fk_messages_client FOREIGN KEY (client_id) REFERENCES clients (client_id)
);
CREATE INDEX idx_messages_sender_hash ON messages (sender_number_hashed);
CREATE INDEX idx_messages_status_created ON messages (status, created_at);
CREATE INDEX idx_messages_client_created ON messages (client_id, created_at);
CREATE INDEX idx_messages_portal_query ON messages (client_id, status, created_at);
CREATE INDEX idx_messages_created ON messages (created_at);
CREATE INDEX idx_messages_key_version ON messages (encryption_key_version);

CREATE TABLE dead_letters (
    id            INTEGER PRIMARY KEY,
    message_id    VARCHAR(36)  NOT NULL,
    client_id     VARCHAR(255) NOT NULL,
    domain        VARCHAR(255) NOT NULL,
    queued_at     TIMESTAMP            NOT NULL,
    sealed        TEXT       NOT NULL,
    reason        VARCHAR(500) NOT NULL,
    attempt_count INT          NOT NULL,
    status        VARCHAR(16)  NOT NULL DEFAULT 'pending',
    failed_at     TIMESTAMP            NOT NULL,
    resolved_at   TIMESTAMP   ,
    CONSTRAINT uq_dead_letters_message UNIQUE (message_id),
    CONSTRAINT ck_dead_letters_status CHECK (status IN ('pending', 'replayed', 'discarded'))
);
CREATE INDEX idx_dead_letters_status ON dead_letters (status, failed_at);

CREATE TABLE refresh_tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  VARCHAR(64)  NOT NULL,
    user_id     BIGINT       NOT NULL,
    family_id   VARCHAR(36)  NOT NULL,
    expires_at  TIMESTAMP            NOT NULL,
    used_at     TIMESTAMP   ,
    revoked_at  TIMESTAMP   ,
    created_at  TIMESTAMP            NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    CONSTRAINT uq_refresh_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    event_type  VARCHAR(50)  NOT NULL,
    user_id     BIGINT,
    client_id   VARCHAR(255),
    ip_address  VARCHAR(45),
    event_data  TEXT,
    severity    VARCHAR(16)  NOT NULL DEFAULT 'info',
    created_at  TIMESTAMP            NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now')),
    prev_hash   VARCHAR(64)  NOT NULL,
    row_hash    VARCHAR(64)  NOT NULL,
    CONSTRAINT ck_audit_severity CHECK (severity IN ('info', 'warning', 'error', 'critical'))
);
CREATE INDEX idx_audit_event_type ON audit_log (event_type);
CREATE INDEX idx_audit_user ON audit_log (user_id);
CREATE INDEX idx_audit_client ON audit_log (client_id);
CREATE INDEX idx_audit_created ON audit_log (created_at);
CREATE INDEX idx_audit_severity ON audit_log (severity);
