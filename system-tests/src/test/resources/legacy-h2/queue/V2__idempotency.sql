-- Idempotency keys, per client, recorded in the same transaction as the message they stand for.
CREATE TABLE queue_idempotency (
    client_id    VARCHAR(255) NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(36)  NOT NULL,
    queued_at    BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    PRIMARY KEY (client_id, idem_key)
);
CREATE INDEX idx_queue_idempotency_expires ON queue_idempotency (expires_at);
CREATE INDEX idx_queue_dead_letters_message ON queue_dead_letters (message_id);
