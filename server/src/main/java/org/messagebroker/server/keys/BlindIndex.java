package org.messagebroker.server.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.messagebroker.core.crypto.JdkCrypto;

/**
 * Keyed HMAC-SHA-256 of a sender number for exact-match search. Unlike Message Broker 1.0's salted SHA-256,
 * it cannot be reversed by hashing every possible number without the key, which lives outside the database.
 */
public final class BlindIndex {

    private final SecretKeySpec key;

    BlindIndex(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public String of(String senderNumber) {
        try {
            Mac mac = JdkCrypto.hmacSha256();
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(senderNumber.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
