package org.messagebroker.core.seal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Cipher;
import org.messagebroker.core.message.MessageContent;

/**
 * Seals message content for the server. A data key is made once ({@link KeyTransport}) and reused for a
 * short period, so the public-key operation is not paid per message; every message still gets a fresh
 * random nonce.
 */
public final class EnvelopeSealer {

    private static final Duration DATA_KEY_LIFETIME = Duration.ofMinutes(10);

    private final PublicKey serverKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile DataKey dataKey;

    /** @throws IllegalArgumentException the key is neither RSA nor X25519 */
    public EnvelopeSealer(PublicKey serverKey, Clock clock) {
        KeyTransport.versionFor(serverKey);
        this.serverKey = serverKey;
        this.clock = clock;
    }

    public String seal(String messageId, MessageContent content) {
        DataKey key = currentDataKey();
        byte[] nonce = new byte[Envelope.NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] ciphertext = Envelope.gcm(Cipher.ENCRYPT_MODE, key.sent().key(), nonce, messageId)
                    .doFinal(Envelope.plaintext(content));
            byte[] body = new byte[nonce.length + ciphertext.length];
            System.arraycopy(nonce, 0, body, 0, nonce.length);
            System.arraycopy(ciphertext, 0, body, nonce.length, ciphertext.length);
            return key.sent().version() + "." + key.sent().header() + "." + Envelope.B64.encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    private DataKey currentDataKey() {
        DataKey key = dataKey;
        Instant now = clock.instant();
        if (key == null || now.isAfter(key.expiresAt())) {
            synchronized (this) {
                key = dataKey;
                if (key == null || now.isAfter(key.expiresAt())) {
                    key = newDataKey(now);
                    dataKey = key;
                }
            }
        }
        return key;
    }

    private DataKey newDataKey(Instant now) {
        try {
            return new DataKey(KeyTransport.newDataKey(serverKey, random), now.plus(DATA_KEY_LIFETIME));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a data key", e);
        }
    }

    private record DataKey(KeyTransport.Sent sent, Instant expiresAt) {
    }
}
