package org.messagebroker.server.message;

import java.time.Instant;

/**
 * A message row as stored: the body and the number encrypted, the number also as a blind index. {@code id}
 * is the row's number (0 before it is inserted), which Message Broker 1.0's API shows beside the message id.
 */
public record StoredMessage(
        long id,
        String messageId,
        String clientId,
        String domain,
        String senderNumberHashed,
        String senderNumberEncrypted,
        String encryptedBody,
        int keyVersion,
        String status,
        int attemptCount,
        Instant createdAt,
        Instant queuedAt,
        Instant deliveredAt,
        String errorMessage,
        Instant lastAttemptAt) {

    /** A row for a message stored on delivery. */
    public static StoredMessage delivered(String messageId, String clientId, String domain,
            MessageCrypto.EncryptedContent content, Instant queuedAt, Instant now) {
        return new StoredMessage(0, messageId, clientId, domain, content.senderHash(), content.sender(), content.body(),
                content.keyVersion(), "delivered", 1, now, queuedAt, now, null, now);
    }

    /** A row for a message the worker gave up on: {@code failed}, with the reason and the attempts made. */
    public static StoredMessage failed(String messageId, String clientId, String domain,
            MessageCrypto.EncryptedContent content, Instant queuedAt, int attempts, String reason, Instant failedAt) {
        return new StoredMessage(0, messageId, clientId, domain, content.senderHash(), content.sender(), content.body(),
                content.keyVersion(), "failed", attempts, failedAt, queuedAt, null, reason, failedAt);
    }
}
