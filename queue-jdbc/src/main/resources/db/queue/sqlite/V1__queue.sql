-- SQLite, the embedded default (ids are rowid aliases; times are epoch milliseconds as everywhere).
CREATE TABLE queue_entries (
    id           INTEGER PRIMARY KEY,
    message_id   VARCHAR(36)  NOT NULL,
    client_id    VARCHAR(255) NOT NULL,
    domain       VARCHAR(255) NOT NULL,
    queued_at    BIGINT       NOT NULL,
    sealed       TEXT         NOT NULL,
    attempts     INT          NOT NULL DEFAULT 0,
    due_at       BIGINT       NOT NULL,
    claimed_by   VARCHAR(128),
    claim_token  VARCHAR(36),
    last_error   VARCHAR(500),
    CONSTRAINT uq_queue_entries_message UNIQUE (message_id)
);
CREATE INDEX idx_queue_entries_due ON queue_entries (due_at, id);

CREATE TABLE queue_dead_letters (
    id           INTEGER PRIMARY KEY,
    message_id   VARCHAR(36)  NOT NULL,
    client_id    VARCHAR(255) NOT NULL,
    domain       VARCHAR(255) NOT NULL,
    queued_at    BIGINT       NOT NULL,
    sealed       TEXT         NOT NULL,
    attempts     INT          NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    dead_at      BIGINT       NOT NULL
);
