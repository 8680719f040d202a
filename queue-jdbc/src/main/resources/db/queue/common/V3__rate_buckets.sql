-- Each client's rate-limit token bucket, shared by every proxy and the portal: taken from in the same
-- transaction as the messages it admits.
CREATE TABLE queue_rate_buckets (
    client_id  VARCHAR(255)     NOT NULL PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_at BIGINT           NOT NULL
);
