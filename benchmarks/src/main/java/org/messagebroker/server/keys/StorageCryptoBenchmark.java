package org.messagebroker.server.keys;

import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.server.message.MessageCrypto;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** What the server pays per stored message: the blind index and two AES-GCM encryptions (and reading back). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StorageCryptoBenchmark {

    @Param({"20", "1000"})
    int bodyLength;

    private BlindIndex blindIndex;
    private StorageCipher cipher;
    private MessageCrypto crypto;
    private MessageContent content;
    private final String messageId = UUID.randomUUID().toString();
    private String encryptedBody;

    @Setup
    public void setUp() {
        blindIndex = new BlindIndex(random(32));
        cipher = new StorageCipher(Map.of(1, new SecretKeySpec(random(32), "AES")));
        crypto = new MessageCrypto(cipher, blindIndex);
        content = new MessageContent("+4915200000000", "x".repeat(bodyLength));
        encryptedBody = cipher.encrypt(1, content.messageBody(), MessageCrypto.bodyAssociatedData(messageId));
    }

    @Benchmark
    public String blindIndex() {
        return blindIndex.of(content.senderNumber());
    }

    @Benchmark
    public MessageCrypto.EncryptedContent encryptForStorage() {
        return crypto.encrypt(messageId, content);
    }

    @Benchmark
    public String decryptBody() {
        return cipher.decrypt(1, encryptedBody, MessageCrypto.bodyAssociatedData(messageId));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
