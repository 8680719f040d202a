package org.messagebroker.server.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.messagebroker.server.message.MessageCrypto;

/** A fresh random storage key ring (in a file, so tests can rotate it) and blind-index key. */
public record KeysForTests(Path ring, StorageCipher cipher, MessageCrypto crypto) {

    public static KeysForTests in(Path dir) {
        try {
            Path ring = dir.resolve("storage-keys");
            Files.writeString(ring, "1=" + Base64.getEncoder().encodeToString(random(32)) + "\n");
            StorageCipher cipher = StorageCipher.load(ring);
            return new KeysForTests(ring, cipher, new MessageCrypto(cipher, new BlindIndex(random(32))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a key version to the ring file and reloads it, as {@code broker keys rotate} and the watcher do. */
    public void rotate() {
        StorageCipher.addVersion(ring);
        cipher.reload(ring);
    }

    public static BlindIndex blindIndex() {
        return new BlindIndex(random(32));
    }

    static byte[] random(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
