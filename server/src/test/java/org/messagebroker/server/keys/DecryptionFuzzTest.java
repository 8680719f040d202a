package org.messagebroker.server.keys;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.messagebroker.core.seal.EnvelopeOpener;
import org.messagebroker.core.seal.SealedPayloadException;

/**
 * Coverage-guided fuzzing of decryption (Jazzer): what the server opens comes from the queue and the
 * database, where an attacker with access could plant anything. Every input either decrypts or fails
 * with the one exception the callers handle; nothing else may escape.
 */
@Tag("security")
class DecryptionFuzzTest {

    private static final StorageCipher CIPHER = new StorageCipher(Map.of(1, new SecretKeySpec(new byte[32], "AES")));
    private static final EnvelopeOpener RSA_OPENER = new EnvelopeOpener(sealingKey("RSA"));
    private static final EnvelopeOpener X25519_OPENER = new EnvelopeOpener(sealingKey("X25519"));

    @FuzzTest(maxDuration = "30s")
    void anyStoredValueDecryptsOrIsReportedUndecryptable(byte[] input) {
        try {
            CIPHER.decrypt(1, new String(input, StandardCharsets.UTF_8), "m-1/message_body");
        } catch (StorageCipher.UndecryptableException expected) {
            // tampered, truncated or not ours
        }
    }

    /** Envelope v1, opened with an RSA sealing key (installations before 1.1). */
    @FuzzTest(maxDuration = "30s")
    void anySealedPayloadOpensOrIsRejected(byte[] input) {
        opensOrIsRejected(RSA_OPENER, input);
    }

    /** Envelope v2, opened with an X25519 sealing key: the header is parsed as an X.509 public key first. */
    @FuzzTest(maxDuration = "30s")
    void anyX25519SealedPayloadOpensOrIsRejected(byte[] input) {
        opensOrIsRejected(X25519_OPENER, input);
    }

    private static void opensOrIsRejected(EnvelopeOpener opener, byte[] input) {
        try {
            opener.open("m-1", new String(input, StandardCharsets.UTF_8));
        } catch (SealedPayloadException expected) {
            // the server rejects the message; the worker dead-letters it
        }
    }

    private static PrivateKey sealingKey(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
