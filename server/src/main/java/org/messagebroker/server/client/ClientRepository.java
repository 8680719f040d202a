package org.messagebroker.server.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.messagebroker.server.storage.Columns;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code clients} table: which client systems exist and whether they may send. */
@Repository
public class ClientRepository {

    private final JdbcClient jdbc;

    public ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> status(String clientId) {
        return jdbc.sql("SELECT status FROM clients WHERE client_id = ?").param(clientId).query(String.class)
                .optional();
    }

    public boolean exists(String clientId) {
        return status(clientId).isPresent();
    }

    /** Which of these clients are registered (whatever their status). */
    public Set<String> existing(Set<String> clientIds) {
        if (clientIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT client_id FROM clients WHERE client_id IN (:ids)")
                .param("ids", List.copyOf(clientIds)).query(String.class).list());
    }

    /** A client's status and own rate limit, if it is registered. */
    public Optional<ClientAccess> standing(String clientId) {
        return jdbc.sql("SELECT status, rate_limit_per_minute FROM clients WHERE client_id = ?").param(clientId)
                .query((rs, row) -> new ClientAccess(rs.getString(1), Columns.nullableInt(rs, "rate_limit_per_minute")))
                .optional();
    }

    /** Every client with its status and rate limit, for the proxies' access checks. */
    public Map<String, ClientAccess> access() {
        Map<String, ClientAccess> clients = new HashMap<>();
        jdbc.sql("SELECT client_id, status, rate_limit_per_minute FROM clients").query(rs -> {
            clients.put(rs.getString("client_id"), new ClientAccess(rs.getString("status"),
                    Columns.nullableInt(rs, "rate_limit_per_minute")));
        });
        return clients;
    }

    /** Serials (lower-case hex) of certificates revoked and not yet expired. */
    public List<String> revokedSerials(Instant now) {
        return jdbc.sql("SELECT serial FROM certificates WHERE revoked_at IS NOT NULL AND not_after > ?")
                .param(DbTime.utc(now)).query(String.class).list();
    }

    /**
     * When each of these certificates (serials in lower-case hex) was revoked, for those revoked other than
     * by a renewal superseding them: a message a client sent with its old certificate just before it
     * switched to the new one is still its own.
     */
    public Map<String, Instant> revokedAt(Set<String> serials) {
        if (serials.isEmpty()) {
            return Map.of();
        }
        Map<String, Instant> revoked = new HashMap<>();
        jdbc.sql("SELECT serial, revoked_at FROM certificates WHERE serial IN (:serials) AND revoked_at IS NOT NULL"
                        + " AND (revocation_code IS NULL OR revocation_code <> 'superseded')")
                .param("serials", List.copyOf(serials))
                .query(rs -> {
                    revoked.put(rs.getString(1), DbTime.instant(rs.getObject(2, java.time.LocalDateTime.class)));
                });
        return revoked;
    }

    /** Revoked certificates not yet expired: what the CRL lists. */
    public List<RevokedCertificate> revokedCertificates(Instant now) {
        return jdbc.sql("SELECT serial, revoked_at, revocation_code FROM certificates WHERE revoked_at IS NOT NULL"
                        + " AND not_after > ? ORDER BY revoked_at")
                .param(DbTime.utc(now))
                .query((rs, row) -> new RevokedCertificate(rs.getString(1),
                        DbTime.instant(rs.getObject(2, java.time.LocalDateTime.class)), rs.getString(3)))
                .list();
    }

    /** {@code code}: the RFC 5280 reason's name, null for certificates revoked before reasons were kept. */
    public record RevokedCertificate(String serial, Instant revokedAt, String code) {
    }

    /** Revokes the client and all its certificates; answers false when it is not active. */
    public boolean revoke(String clientId, String reason, String code, Instant at) {
        int changed = jdbc.sql("UPDATE clients SET status = 'revoked', revoked_at = ?, revocation_reason = ?,"
                        + " updated_at = ? WHERE client_id = ? AND status = 'active'")
                .params(DbTime.utc(at), reason, DbTime.utc(at), clientId).update();
        jdbc.sql("UPDATE certificates SET revoked_at = ?, revocation_reason = ?, revocation_code = ? WHERE client_id = ?"
                        + " AND revoked_at IS NULL")
                .params(DbTime.utc(at), reason, code, clientId).update();
        return changed == 1;
    }

    /** Revokes the client's other certificates as superseded by {@code serial}; answers how many. */
    public int supersede(String clientId, String serial, Instant at) {
        return jdbc.sql("UPDATE certificates SET revoked_at = ?, revocation_reason = ?, revocation_code = 'superseded'"
                        + " WHERE client_id = ? AND serial <> ? AND revoked_at IS NULL")
                .params(DbTime.utc(at), "superseded by " + serial, clientId, serial).update();
    }

    /** Sets the client's rate limit (null: the proxies' default); answers false for an unknown client. */
    public boolean setRateLimit(String clientId, Integer perMinute) {
        return jdbc.sql("UPDATE clients SET rate_limit_per_minute = ? WHERE client_id = ?")
                .params(perMinute, clientId).update() == 1;
    }

    /** A client's standing as the proxies see it. */
    public record ClientAccess(@JsonProperty("status") String status,
            @JsonProperty("rate_limit_per_minute") Integer rateLimitPerMinute) {
    }

    /** The client's domain (the OU of its certificates). */
    public Optional<String> domain(String clientId) {
        return jdbc.sql("SELECT domain FROM clients WHERE client_id = ?").param(clientId).query(String.class)
                .optional();
    }

    /** Records a renewed certificate; the client's row now describes the newest one. */
    public void addCertificate(String clientId, String serial, String fingerprint, Instant notBefore,
            Instant notAfter) {
        jdbc.sql("INSERT INTO certificates (client_id, serial, fingerprint, not_before, not_after) VALUES (?, ?, ?, ?, ?)")
                .params(clientId, serial, fingerprint, DbTime.utc(notBefore), DbTime.utc(notAfter)).update();
        jdbc.sql("UPDATE clients SET cert_fingerprint = ?, expires_at = ?, updated_at = ? WHERE client_id = ?")
                .params(fingerprint, DbTime.utc(notAfter), DbTime.utc(notBefore), clientId).update();
    }

    /** Records a newly issued client and its first certificate. */
    public void register(String clientId, String domain, String serial, String fingerprint, Instant notBefore,
            Instant notAfter) {
        jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, domain, status, issued_at, expires_at)"
                        + " VALUES (?, ?, ?, 'active', ?, ?)")
                .params(clientId, fingerprint, domain, DbTime.utc(notBefore), DbTime.utc(notAfter)).update();
        jdbc.sql("INSERT INTO certificates (client_id, serial, fingerprint, not_before, not_after)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(clientId, serial, fingerprint, DbTime.utc(notBefore), DbTime.utc(notAfter)).update();
    }
}
