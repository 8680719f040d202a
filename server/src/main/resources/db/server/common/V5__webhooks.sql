-- Shared by the three databases: ${id}, ${timestamp} and ${table_options} are each one's (DatabaseConfiguration).
-- A client's webhook: where its events go, which ones, and the secret they are signed with (encrypted
-- under the storage key ring). last_sequence numbers the client's events in the order they were recorded.
CREATE TABLE webhooks (
    id                 ${id},
    client_id          VARCHAR(255)  NOT NULL,
    url                VARCHAR(2048) NOT NULL,
    events             VARCHAR(255)  NOT NULL,
    include_content    SMALLINT      NOT NULL DEFAULT 0,
    secret_encrypted   VARCHAR(255)  NOT NULL,
    secret_key_version INT           NOT NULL,
    last_sequence      BIGINT        NOT NULL DEFAULT 0,
    created_at         ${timestamp} NOT NULL,
    updated_at         ${timestamp} NOT NULL,
    CONSTRAINT uq_webhooks_client UNIQUE (client_id),
    CONSTRAINT fk_webhooks_client FOREIGN KEY (client_id) REFERENCES clients (client_id)
)${table_options};

-- The outbox: an event is written in the transaction of the change it reports, then sent (pending ->
-- delivered, or failed once its retries ran out). data holds ids and statuses only, never a body or a number.
CREATE TABLE webhook_events (
    id               ${id},
    event_id         VARCHAR(36)   NOT NULL,
    client_id        VARCHAR(255)  NOT NULL,
    sequence_number  BIGINT        NOT NULL,
    event_type       VARCHAR(32)   NOT NULL,
    subject          VARCHAR(64)   NOT NULL,
    data             VARCHAR(1000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  ${timestamp} NOT NULL,
    last_status_code INT,
    last_error       VARCHAR(255),
    created_at       ${timestamp} NOT NULL,
    completed_at     ${timestamp},
    CONSTRAINT uq_webhook_events_event UNIQUE (event_id),
    CONSTRAINT uq_webhook_events_sequence UNIQUE (client_id, sequence_number)
)${table_options};
CREATE INDEX idx_webhook_events_due ON webhook_events (status, next_attempt_at);
CREATE INDEX idx_webhook_events_subject ON webhook_events (client_id, event_type, subject);
