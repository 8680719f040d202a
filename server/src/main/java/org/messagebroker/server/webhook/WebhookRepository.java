package org.messagebroker.server.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.messagebroker.server.keys.StorageCipher;
import org.messagebroker.server.storage.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhooks} table: one per client. The signing secret is kept encrypted under the storage key
 * ring (bound to its client) and leaves the server only once, when it is made.
 */
@Repository
public class WebhookRepository {

    private final JdbcClient jdbc;
    private final StorageCipher cipher;

    public WebhookRepository(JdbcClient jdbc, StorageCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Optional<Webhook> find(String clientId) {
        return jdbc.sql("SELECT * FROM webhooks WHERE client_id = ?").param(clientId).query(WebhookRepository::row)
                .optional();
    }

    public List<Webhook> all() {
        return jdbc.sql("SELECT * FROM webhooks ORDER BY client_id").query(WebhookRepository::row).list();
    }

    /** Client id to the event types it subscribed to. */
    public Map<String, Set<String>> subscriptions() {
        Map<String, Set<String>> subscriptions = new HashMap<>();
        jdbc.sql("SELECT client_id, events FROM webhooks").query((rs, row) -> subscriptions.put(rs.getString(1),
                events(rs.getString(2)))).list();
        return subscriptions;
    }

    /** Registers the client's webhook, or changes it keeping its secret; answers the secret when it made one. */
    public Optional<String> save(String clientId, String url, Set<String> events, boolean includeContent, Instant now) {
        int updated = jdbc.sql("UPDATE webhooks SET url = ?, events = ?, include_content = ?, updated_at = ?"
                        + " WHERE client_id = ?")
                .params(url, String.join(",", new TreeSet<>(events)), includeContent ? 1 : 0, DbTime.utc(now), clientId)
                .update();
        if (updated > 0) {
            return Optional.empty();
        }
        String secret = WebhookSignature.newSecret();
        int version = cipher.currentVersion();
        jdbc.sql("INSERT INTO webhooks (client_id, url, events, include_content, secret_encrypted, secret_key_version,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(clientId, url, String.join(",", new TreeSet<>(events)), includeContent ? 1 : 0,
                        cipher.encrypt(version, secret, associatedData(clientId)), version, DbTime.utc(now),
                        DbTime.utc(now))
                .update();
        return Optional.of(secret);
    }

    /** A new secret for the client's webhook, from now on; empty when it has none. */
    public Optional<String> rotateSecret(String clientId, Instant now) {
        String secret = WebhookSignature.newSecret();
        int version = cipher.currentVersion();
        int updated = jdbc.sql("UPDATE webhooks SET secret_encrypted = ?, secret_key_version = ?, updated_at = ?"
                        + " WHERE client_id = ?")
                .params(cipher.encrypt(version, secret, associatedData(clientId)), version, DbTime.utc(now), clientId)
                .update();
        return updated == 0 ? Optional.empty() : Optional.of(secret);
    }

    public String secret(String clientId) {
        return jdbc.sql("SELECT secret_encrypted, secret_key_version FROM webhooks WHERE client_id = ?").param(clientId)
                .query((rs, row) -> cipher.decrypt(rs.getInt(2), rs.getString(1), associatedData(clientId))).single();
    }

    /** Moves secrets under older key versions to the current one (a step of the re-encryption after a rotation). */
    public int reencryptSecrets() {
        int version = cipher.currentVersion();
        List<String> clients = jdbc.sql("SELECT client_id FROM webhooks WHERE secret_key_version <> ?").param(version)
                .query(String.class).list();
        clients.forEach(clientId -> jdbc.sql("UPDATE webhooks SET secret_encrypted = ?, secret_key_version = ?"
                        + " WHERE client_id = ?")
                .params(cipher.encrypt(version, secret(clientId), associatedData(clientId)), version, clientId).update());
        return clients.size();
    }

    public boolean delete(String clientId) {
        return jdbc.sql("DELETE FROM webhooks WHERE client_id = ?").param(clientId).update() > 0;
    }

    /**
     * Reserves the client's next {@code count} sequence numbers; answers the first. The row stays locked until
     * the caller's transaction ends, so a client's events are numbered in the order they commit.
     */
    public long reserveSequence(String clientId, int count) {
        jdbc.sql("UPDATE webhooks SET last_sequence = last_sequence + ? WHERE client_id = ?").params(count, clientId)
                .update();
        return jdbc.sql("SELECT last_sequence FROM webhooks WHERE client_id = ?").param(clientId).query(Long.class)
                .single() - count + 1;
    }

    private static String associatedData(String clientId) {
        return "webhook-secret:" + clientId;
    }

    private static Set<String> events(String column) {
        return new TreeSet<>(Arrays.asList(column.split(",")));
    }

    private static Webhook row(ResultSet rs, int row) throws SQLException {
        return new Webhook(rs.getString("client_id"), rs.getString("url"), events(rs.getString("events")),
                rs.getInt("include_content") == 1, DbTime.instant(rs.getObject("created_at", LocalDateTime.class)),
                DbTime.instant(rs.getObject("updated_at", LocalDateTime.class)));
    }

    public record Webhook(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("url") String url,
            @JsonProperty("events") Set<String> events,
            @JsonProperty("include_content") boolean includeContent,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {
    }
}
