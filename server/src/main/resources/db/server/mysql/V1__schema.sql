-- The original's tables (seed-spec §7) with its bugs fixed, plus what the product needs:
-- certificates over time, refresh tokens, dead letters and a tamper-evident audit chain.
CREATE TABLE users (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    email         VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL DEFAULT 'user',
    client_id     VARCHAR(255),
    is_active     BOOLEAN      NOT NULL DEFAULT TRUE,
    last_login    DATETIME(6),
    created_at    DATETIME(6)         NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at    DATETIME(6)         NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_users_email UNIQUE (email),
    CONSTRAINT ck_users_role CHECK (role IN ('user', 'admin'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_users_client_id ON users (client_id);

CREATE TABLE clients (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    client_id         VARCHAR(255) NOT NULL,
    cert_fingerprint  VARCHAR(255) NOT NULL,
    domain            VARCHAR(255) NOT NULL DEFAULT 'default',
    status            VARCHAR(16)  NOT NULL DEFAULT 'active',
    issued_at         DATETIME(6)         NOT NULL,
    expires_at        DATETIME(6)         NOT NULL,
    revoked_at        DATETIME(6),
    revocation_reason VARCHAR(500),
    created_at        DATETIME(6)         NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at        DATETIME(6)         NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_clients_client_id UNIQUE (client_id),
    CONSTRAINT ck_clients_status CHECK (status IN ('active', 'revoked', 'expired'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_clients_status ON clients (status);
CREATE INDEX idx_clients_expires_at ON clients (expires_at);

CREATE TABLE certificates (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    client_id         VARCHAR(255) NOT NULL,
    serial            VARCHAR(64)  NOT NULL,
    fingerprint       VARCHAR(80)  NOT NULL,
    not_before        DATETIME(6)         NOT NULL,
    not_after         DATETIME(6)         NOT NULL,
    revoked_at        DATETIME(6),
    revocation_reason VARCHAR(500),
    created_at        DATETIME(6)         NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_certificates_serial UNIQUE (serial),
    CONSTRAINT uq_certificates_fingerprint UNIQUE (fingerprint),
    CONSTRAINT fk_certificates_client FOREIGN KEY (client_id) REFERENCES clients (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_certificates_client ON certificates (client_id);
CREATE INDEX idx_certificates_not_after ON certificates (not_after);

CREATE TABLE messages (
    id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
    message_id              VARCHAR(36)  NOT NULL,
    client_id               VARCHAR(255) NOT NULL,
    sender_number_hashed    VARCHAR(64)  NOT NULL,
    sender_number_encrypted VARCHAR(255) NOT NULL,
    encrypted_body          MEDIUMTEXT       NOT NULL,
    encryption_key_version  INT          NOT NULL,
    status                  VARCHAR(16)  NOT NULL DEFAULT 'queued',
    domain                  VARCHAR(255) NOT NULL DEFAULT 'default',
    attempt_count           INT          NOT NULL DEFAULT 0,
    error_message           VARCHAR(500),
    created_at              DATETIME(6)         NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    queued_at               DATETIME(6)         NOT NULL,
    delivered_at            DATETIME(6),
    last_attempt_at         DATETIME(6),
    CONSTRAINT uq_messages_message_id UNIQUE (message_id),
    CONSTRAINT ck_messages_status CHECK (status IN ('queued', 'processing', 'delivered', 'failed')),
    CONSTRAINT fk_messages_client FOREIGN KEY (client_id) REFERENCES clients (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_messages_sender_hash ON messages (sender_number_hashed);
CREATE INDEX idx_messages_status_created ON messages (status, created_at);
CREATE INDEX idx_messages_client_created ON messages (client_id, created_at);
CREATE INDEX idx_messages_portal_query ON messages (client_id, status, created_at);
CREATE INDEX idx_messages_created ON messages (created_at);
CREATE INDEX idx_messages_key_version ON messages (encryption_key_version);

CREATE TABLE dead_letters (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    message_id    VARCHAR(36)  NOT NULL,
    client_id     VARCHAR(255) NOT NULL,
    domain        VARCHAR(255) NOT NULL,
    queued_at     DATETIME(6)         NOT NULL,
    sealed        MEDIUMTEXT       NOT NULL,
    reason        VARCHAR(500) NOT NULL,
    attempt_count INT          NOT NULL,
    status        VARCHAR(16)  NOT NULL DEFAULT 'pending',
    failed_at     DATETIME(6)         NOT NULL,
    resolved_at   DATETIME(6),
    CONSTRAINT uq_dead_letters_message UNIQUE (message_id),
    CONSTRAINT ck_dead_letters_status CHECK (status IN ('pending', 'replayed', 'discarded'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_dead_letters_status ON dead_letters (status, failed_at);

CREATE TABLE refresh_tokens (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    token_hash  VARCHAR(64)  NOT NULL,
    user_id     BIGINT       NOT NULL,
    family_id   VARCHAR(36)  NOT NULL,
    expires_at  DATETIME(6)         NOT NULL,
    used_at     DATETIME(6),
    revoked_at  DATETIME(6),
    created_at  DATETIME(6)         NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_refresh_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE audit_log (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    event_type  VARCHAR(50)  NOT NULL,
    user_id     BIGINT,
    client_id   VARCHAR(255),
    ip_address  VARCHAR(45),
    event_data  MEDIUMTEXT,
    severity    VARCHAR(16)  NOT NULL DEFAULT 'info',
    created_at  DATETIME(6)         NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    prev_hash   VARCHAR(64)  NOT NULL,
    row_hash    VARCHAR(64)  NOT NULL,
    CONSTRAINT ck_audit_severity CHECK (severity IN ('info', 'warning', 'error', 'critical'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX idx_audit_event_type ON audit_log (event_type);
CREATE INDEX idx_audit_user ON audit_log (user_id);
CREATE INDEX idx_audit_client ON audit_log (client_id);
CREATE INDEX idx_audit_created ON audit_log (created_at);
CREATE INDEX idx_audit_severity ON audit_log (severity);
