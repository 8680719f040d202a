-- Which e-mails a user wants (see docs/user-manual.md, "E-mail notifications"); all off by default.
ALTER TABLE users ADD notify_dead_letters SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD notify_certificate_days INT;
ALTER TABLE users ADD notify_account_locked SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD notify_daily_summary SMALLINT NOT NULL DEFAULT 0;

-- The e-mail outbox: a line per thing to tell a user, written with the change it reports; the sender
-- joins a user's pending lines of one kind into one e-mail. dedupe_key stops a second line for the same thing.
CREATE TABLE email_outbox (
    id              ${id},
    user_id         BIGINT        NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    dedupe_key      VARCHAR(128)  NOT NULL,
    line            VARCHAR(1000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at ${timestamp} NOT NULL,
    last_error      VARCHAR(255),
    created_at      ${timestamp} NOT NULL,
    sent_at         ${timestamp},
    CONSTRAINT uq_email_outbox_key UNIQUE (user_id, kind, dedupe_key),
    CONSTRAINT fk_email_outbox_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
)${table_options};
CREATE INDEX idx_email_outbox_due ON email_outbox (status, next_attempt_at);
