package org.messagebroker.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.auth.AuthEvents;
import org.messagebroker.server.ca.CertificateEvents;
import org.messagebroker.server.ca.RevocationReason;
import org.messagebroker.server.client.RateLimitChanged;
import org.messagebroker.server.deadletter.DeadLetterEvents;
import org.messagebroker.server.keys.StorageKeyRotated;
import org.messagebroker.server.message.MessageEvents;
import org.messagebroker.server.storage.ServerDatabases;
import org.messagebroker.server.user.UserAdministered;
import org.messagebroker.server.webhook.WebhookEvents;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every domain event the features publish becomes one audit row with the 1.0 API's event name, who, which
 * client, from where and what; published through a Spring context as the server publishes them.
 */
class AuditTrailTest {

    JdbcClient jdbc;
    AnnotationConfigApplicationContext context;

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(TestDatabase.SQLITE);
        context = new AnnotationConfigApplicationContext();
        context.registerBean(JdbcClient.class, () -> jdbc);
        context.registerBean(Clock.class, Clock::systemUTC);
        context.register(AuditLog.class, AuditTrail.class);
        context.refresh();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private void publish(Object event) {
        context.publishEvent(event);
    }

    private List<Map<String, Object>> rows() {
        return jdbc.sql("SELECT event_type, user_id, client_id, ip_address, event_data, severity FROM audit_log"
                + " ORDER BY id").query().listOfRows();
    }

    @Test
    void eachEventIsOneRowNamedAsThe10ApiNamesIt() {
        publish(new AuthEvents.LoginFailed(null, "who@example.com", "10.0.0.1"));
        publish(new AuthEvents.LoggedIn(7, "acme", "10.0.0.1"));
        publish(new AuthEvents.LoggedOut(7, true, "10.0.0.1"));
        publish(new AuthEvents.PasswordChanged(7, "10.0.0.1"));
        publish(new UserAdministered(UserAdministered.Action.CREATED, 1, 7, "10.0.0.2", Map.of("role", "user")));
        publish(new UserAdministered(UserAdministered.Action.PASSWORD_RESET, 1, 7, "10.0.0.2", Map.of()));
        publish(new CertificateEvents.ClientIssued("acme", true, null, "10.0.0.3", BigInteger.valueOf(255),
                "SHA256:ab", Instant.parse("2027-01-01T00:00:00Z"), false));
        publish(new CertificateEvents.Revoked("acme", 1, "10.0.0.2", "lost laptop", RevocationReason.keyCompromise));
        publish(new CertificateEvents.ComponentIssued("worker-2", 1, "10.0.0.2", List.of("localhost"), List.of(),
                BigInteger.TEN));
        publish(new MessageEvents.Exported(7, null, "10.0.0.1", 12));
        publish(new MessageEvents.SentFromPortal(7, "acme", "10.0.0.1", "msg-1"));
        publish(new MessageEvents.Purged(5, Duration.ofDays(90), Instant.parse("2026-01-01T00:00:00Z")));
        publish(new RateLimitChanged("acme", 1, "10.0.0.2", null));
        publish(new StorageKeyRotated(1, 2));
        publish(new DeadLetterEvents.Replayed("msg-2", "acme", 1, "10.0.0.2"));
        publish(new DeadLetterEvents.Discarded("msg-3", "acme", 1, "10.0.0.2", "invalid_message"));
        publish(new WebhookEvents.Saved("acme", "https://hooks.example.com/", Set.of("message.failed"), false, true, null,
                null));
        publish(new WebhookEvents.Saved("acme", "https://hooks.example.com/", Set.of("message.failed"), true, false, 1L,
                "10.0.0.2"));
        publish(new WebhookEvents.SecretRotated("acme", 1L, "10.0.0.2"));
        publish(new WebhookEvents.Replayed("evt-1", "acme", 1, "10.0.0.2"));
        publish(new WebhookEvents.Removed("acme", null, null));

        assertThat(rows()).extracting(row -> row.get("event_type")).containsExactly("user_login_failed", "user_login",
                "user_logout", "password_changed", "user_created", "password_reset", "certificate_renewed",
                "certificate_revoked", "component_certificate_issued", "messages_exported", "message_sent_from_portal",
                "messages_purged", "client_rate_limit_changed", "storage_key_rotated", "dead_letter_replayed",
                "dead_letter_discarded", "webhook_registered", "webhook_updated", "webhook_secret_rotated",
                "webhook_event_replayed", "webhook_removed");
        assertThat((String) rows().get(16).get("event_data")).contains("\"by\":\"client\"")
                .contains("\"url\":\"https://hooks.example.com/\"");
        assertThat(rows().get(17)).containsEntry("ip_address", "10.0.0.2").containsEntry("client_id", "acme");
        assertThat(rows().get(0)).containsEntry("severity", "warning").containsEntry("ip_address", "10.0.0.1");
        assertThat((String) rows().get(2).get("event_data")).contains("\"scope\":\"all\"");
        assertThat((String) rows().get(4).get("event_data")).contains("\"user_id\":7").contains("\"role\":\"user\"");
        assertThat((String) rows().get(6).get("event_data")).contains("\"serial\":\"ff\"").contains("\"key\":\"csr\"");
        assertThat(rows().get(7)).containsEntry("client_id", "acme").containsEntry("severity", "warning");
        assertThat((String) rows().get(7).get("event_data")).contains("keyCompromise");
        assertThat(new AuditLog(jdbc, Clock.systemUTC()).verify().valid()).isTrue();
    }
}
