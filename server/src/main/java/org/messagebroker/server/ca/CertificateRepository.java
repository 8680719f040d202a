package org.messagebroker.server.ca;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code certificates} table read for listing: every certificate a client ever had, with its state. */
@Repository
public class CertificateRepository {

    private final JdbcClient jdbc;

    public CertificateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first; {@code status} is active, revoked, expired or all. */
    List<CertificateRecord> list(String status, Instant now, int offset, int limit) {
        return jdbc.sql("SELECT c.*, k.domain FROM certificates c JOIN clients k ON k.client_id = c.client_id"
                        + where(status) + " ORDER BY c.not_after DESC, c.id DESC LIMIT :limit OFFSET :offset")
                .param("now", DbTime.utc(now)).param("limit", limit).param("offset", offset)
                .query((rs, row) -> row(rs, now)).list();
    }

    long count(String status, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM certificates c" + where(status)).param("now", DbTime.utc(now))
                .query(Long.class).single();
    }

    /** Active certificates that expire before {@code until}, soonest first. */
    public List<CertificateRecord> expiringBefore(Instant until, Instant now) {
        return jdbc.sql("SELECT c.*, k.domain FROM certificates c JOIN clients k ON k.client_id = c.client_id"
                        + " WHERE c.revoked_at IS NULL AND c.not_after > :now AND c.not_after <= :until"
                        + " ORDER BY c.not_after")
                .param("now", DbTime.utc(now)).param("until", DbTime.utc(until))
                .query((rs, row) -> row(rs, now)).list();
    }

    private static String where(String status) {
        return switch (status) {
            case "active" -> " WHERE c.revoked_at IS NULL AND c.not_after > :now";
            case "revoked" -> " WHERE c.revoked_at IS NOT NULL";
            case "expired" -> " WHERE c.revoked_at IS NULL AND c.not_after <= :now";
            default -> "";
        };
    }

    private static CertificateRecord row(ResultSet rs, Instant now) throws SQLException {
        Instant notAfter = DbTime.instant(rs.getObject("not_after", LocalDateTime.class));
        Instant revokedAt = DbTime.instant(rs.getObject("revoked_at", LocalDateTime.class));
        String status = revokedAt != null ? "revoked" : notAfter.isAfter(now) ? "active" : "expired";
        return new CertificateRecord(rs.getString("client_id"), rs.getString("domain"), rs.getString("serial"),
                rs.getString("fingerprint"), DbTime.instant(rs.getObject("not_before", LocalDateTime.class)), notAfter,
                status, revokedAt, rs.getString("revocation_reason"));
    }

    public record CertificateRecord(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("domain") String domain,
            @JsonProperty("serial") String serial,
            @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("not_before") Instant notBefore,
            @JsonProperty("expires_at") Instant notAfter,
            @JsonProperty("status") String status,
            @JsonProperty("revoked_at") Instant revokedAt,
            @JsonProperty("revocation_reason") String revocationReason) {
    }
}
