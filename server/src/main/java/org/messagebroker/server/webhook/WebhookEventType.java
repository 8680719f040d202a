package org.messagebroker.server.webhook;

import java.util.Arrays;
import java.util.Optional;

/** What a client can subscribe to, by the names its webhook receives in {@code type}. */
public enum WebhookEventType {
    MESSAGE_DELIVERED("message.delivered"),
    MESSAGE_FAILED("message.failed"),
    CERTIFICATE_EXPIRING("certificate.expiring"),
    CERTIFICATE_REVOKED("certificate.revoked");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
