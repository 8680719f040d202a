-- A per-client override of the proxy's default rate limit (requests per minute); NULL means the default.
ALTER TABLE clients ADD rate_limit_per_minute INT;
