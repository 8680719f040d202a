-- The RFC 5280 reason a certificate was revoked for (keyCompromise, superseded, ...), carried in the CRL.
ALTER TABLE certificates ADD revocation_code VARCHAR(32);
