package org.messagebroker.server.audit;

import static org.messagebroker.server.audit.AuditLog.data;

import java.util.TreeMap;
import org.messagebroker.server.auth.AuthEvents;
import org.messagebroker.server.ca.CertificateEvents;
import org.messagebroker.server.client.RateLimitChanged;
import org.messagebroker.server.deadletter.DeadLetterEvents;
import org.messagebroker.server.keys.StorageKeyRotated;
import org.messagebroker.server.message.MessageEvents;
import org.messagebroker.server.user.UserAdministered;
import org.messagebroker.server.webhook.WebhookEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the features' domain events into audit rows, with the 1.0 API's event names. The listeners run
 * synchronously in the publisher's transaction: the row commits or rolls back with the change it records.
 */
@Component
class AuditTrail {

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(AuthEvents.LoginFailed e) {
        log.record(new AuditEvent("user_login_failed", e.userId(), null, e.ip(), data("email", String.valueOf(e.email())),
                "warning"));
    }

    @EventListener
    void on(AuthEvents.LoggedIn e) {
        log.record(new AuditEvent("user_login", e.userId(), e.clientId(), e.ip(), null, "info"));
    }

    @EventListener
    void on(AuthEvents.LoggedOut e) {
        log.record(new AuditEvent("user_logout", e.userId(), null, e.ip(),
                data("scope", e.allSessions() ? "all" : "session"), "info"));
    }

    @EventListener
    void on(AuthEvents.PasswordChanged e) {
        log.record(new AuditEvent("password_changed", e.userId(), null, e.ip(), null, "info"));
    }

    @EventListener
    void on(AuthEvents.AccountLocked e) {
        log.record(new AuditEvent("account_locked", e.userId(), null, e.ip(), data("until", e.until().toString()),
                "warning"));
    }

    @EventListener
    void on(UserAdministered e) {
        TreeMap<String, Object> details = e.details() == null ? new TreeMap<>() : new TreeMap<>(e.details());
        details.put("user_id", e.userId());
        String type = switch (e.action()) {
            case CREATED -> "user_created";
            case UPDATED -> "user_updated";
            case PASSWORD_RESET -> "password_reset";
            case DELETED -> "user_deleted";
        };
        log.record(new AuditEvent(type, e.adminId(), null, e.ip(), details, "info"));
    }

    @EventListener
    void on(CertificateEvents.ClientIssued e) {
        log.record(new AuditEvent(e.renewal() ? "certificate_renewed" : "certificate_generated", e.adminId(),
                e.clientId(), e.ip(), data("serial", e.serial().toString(16), "fingerprint", e.fingerprint(),
                        "expires_at", e.expiresAt().toString(), "key", e.generatedKey() ? "generated" : "csr"), "info"));
    }

    @EventListener
    void on(CertificateEvents.Revoked e) {
        log.record(new AuditEvent("certificate_revoked", e.adminId(), e.clientId(), e.ip(),
                data("reason", e.reason(), "reason_code", e.code().name()), "warning"));
    }

    @EventListener
    void on(CertificateEvents.ComponentIssued e) {
        log.record(new AuditEvent("component_certificate_issued", e.adminId(), null, e.ip(), data("name", e.name(),
                "dns_names", e.dnsNames(), "ip_addresses", e.ipAddresses(), "serial", e.serial().toString(16)), "info"));
    }

    @EventListener
    void on(CertificateEvents.ComponentRenewed e) {
        log.record(AuditEvent.system("component_certificate_renewed", data("component", e.component(),
                "previous_serial", e.previousSerial().toString(16), "serial", e.serial().toString(16),
                "expires_at", e.expiresAt().toString())));
    }

    @EventListener
    void on(MessageEvents.Exported e) {
        log.record(new AuditEvent("messages_exported", e.userId(), e.clientId(), e.ip(), data("rows", e.rows()), "info"));
    }

    @EventListener
    void on(MessageEvents.SentFromPortal e) {
        log.record(new AuditEvent("message_sent_from_portal", e.userId(), e.clientId(), e.ip(),
                data("message_id", e.messageId()), "info"));
    }

    @EventListener
    void on(MessageEvents.Purged e) {
        log.record(AuditEvent.system("messages_purged", data("count", e.count(), "retention_days",
                e.retention().toDays(), "cutoff", e.cutoff().toString())));
    }

    @EventListener
    void on(RateLimitChanged e) {
        log.record(new AuditEvent("client_rate_limit_changed", e.adminId(), e.clientId(), e.ip(),
                data("requests_per_minute", e.requestsPerMinute()), "info"));
    }

    @EventListener
    void on(StorageKeyRotated e) {
        log.record(AuditEvent.system("storage_key_rotated", data("from_version", e.fromVersion(), "to_version",
                e.toVersion())));
    }

    @EventListener
    void on(DeadLetterEvents.Replayed e) {
        log.record(new AuditEvent("dead_letter_replayed", e.adminId(), e.clientId(), e.ip(),
                data("message_id", e.messageId()), "info"));
    }

    @EventListener
    void on(DeadLetterEvents.Discarded e) {
        log.record(new AuditEvent("dead_letter_discarded", e.adminId(), e.clientId(), e.ip(),
                data("message_id", e.messageId(), "reason", e.reason()), "warning"));
    }

    @EventListener
    void on(WebhookEvents.Saved e) {
        log.record(new AuditEvent(e.created() ? "webhook_registered" : "webhook_updated", e.adminId(), e.clientId(),
                e.ip(), data("url", e.url(), "events", String.join(",", e.events()), "include_content",
                        e.includeContent(), "by", e.adminId() == null ? "client" : "admin"), "info"));
    }

    @EventListener
    void on(WebhookEvents.SecretRotated e) {
        log.record(new AuditEvent("webhook_secret_rotated", e.adminId(), e.clientId(), e.ip(),
                data("by", e.adminId() == null ? "client" : "admin"), "info"));
    }

    @EventListener
    void on(WebhookEvents.Removed e) {
        log.record(new AuditEvent("webhook_removed", e.adminId(), e.clientId(), e.ip(),
                data("by", e.adminId() == null ? "client" : "admin"), "warning"));
    }

    @EventListener
    void on(WebhookEvents.Replayed e) {
        log.record(new AuditEvent("webhook_event_replayed", e.adminId(), e.clientId(), e.ip(),
                data("event_id", e.eventId()), "info"));
    }
}
