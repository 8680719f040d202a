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
    private static final EnvelopeOpener OPENER = new EnvelopeOpener(sealingKey());

    @FuzzTest(maxDuration = "30s")
    void anyStoredValueDecryptsOrIsReportedUndecryptable(byte[] input) {
        try {
            CIPHER.decrypt(1, new String(input, StandardCharsets.UTF_8), "m-1/message_body");
        } catch (StorageCipher.UndecryptableException expected) {
            // tampered, truncated or not ours
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anySealedPayloadOpensOrIsRejected(byte[] input) {
        try {
            OPENER.open("m-1", new String(input, StandardCharsets.UTF_8));
        } catch (SealedPayloadException expected) {
            // the server rejects the message; the worker dead-letters it
        }
    }

    private static PrivateKey sealingKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
