-- Raised on logout, deactivation, role change and password change: older access tokens stop working.
ALTER TABLE users ADD token_version INT DEFAULT 0 NOT NULL;
-- The user's token version when the refresh token was issued; a later version makes it void.
ALTER TABLE refresh_tokens ADD user_token_version INT DEFAULT 0 NOT NULL;
