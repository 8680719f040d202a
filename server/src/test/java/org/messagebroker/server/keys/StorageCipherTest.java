package org.messagebroker.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageCipherTest {

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    private final StorageCipher cipher = new StorageCipher(Map.of(1, randomKey()));

    @Test
    void decryptsWhatItEncryptedWithTheSameAssociatedData() {
        String stored = cipher.encrypt(1, "hello wörld", "m-1/message_body");
        assertThat(stored).doesNotContain("hello");
        assertThat(cipher.decrypt(1, stored, "m-1/message_body")).isEqualTo("hello wörld");
    }

    @Test
    void freshNoncesMakeEqualPlaintextsDiffer() {
        assertThat(cipher.encrypt(1, "same", "m-1/message_body"))
                .isNotEqualTo(cipher.encrypt(1, "same", "m-1/message_body"));
    }

    @Test
    void aValueMovedToAnotherRowOrColumnDoesNotDecrypt() {
        String stored = cipher.encrypt(1, "hello", "m-1/message_body");
        assertThatThrownBy(() -> cipher.decrypt(1, stored, "m-2/message_body"))
                .isInstanceOf(StorageCipher.UndecryptableException.class);
        assertThatThrownBy(() -> cipher.decrypt(1, stored, "m-1/sender_number"))
                .isInstanceOf(StorageCipher.UndecryptableException.class);
    }

    @Test
    void aTamperedValueDoesNotDecrypt() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(1, "hello", "m-1/message_body"));
        raw[raw.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(1, tampered, "m-1/message_body"))
                .isInstanceOf(StorageCipher.UndecryptableException.class);
    }

    @Test
    void newValuesUseTheNewestKeyAndOldOnesStayReadable() {
        SecretKeySpec first = randomKey();
        String old = new StorageCipher(Map.of(1, first)).encrypt(1, "old", "m-1/message_body");
        StorageCipher rotated = new StorageCipher(Map.of(1, first, 2, randomKey()));
        assertThat(rotated.currentVersion()).isEqualTo(2);
        assertThat(rotated.decrypt(1, old, "m-1/message_body")).isEqualTo("old");
        String fresh = rotated.encrypt(rotated.currentVersion(), "new", "m-2/message_body");
        assertThat(rotated.decrypt(2, fresh, "m-2/message_body")).isEqualTo("new");
        assertThatThrownBy(() -> rotated.decrypt(3, old, "m-1/message_body"))
                .isInstanceOf(StorageCipher.UndecryptableException.class);
    }

    @Test
    void addingAVersionToTheRingFileAndReloadingKeepsOldValuesReadable(@TempDir Path dir) throws Exception {
        Path ring = dir.resolve("storage-keys");
        Files.writeString(ring, "1=" + Base64.getEncoder().encodeToString(KeysForTests.random(32)) + "\n");
        StorageCipher live = StorageCipher.load(ring);
        String old = live.encrypt(1, "old", "m-1/message_body");

        assertThat(StorageCipher.addVersion(ring)).isEqualTo(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ring))).isEqualTo("rw-------");
        live.reload(ring);
        assertThat(live.versions()).containsExactly(1, 2);
        assertThat(live.currentVersion()).isEqualTo(2);
        assertThat(live.decrypt(1, old, "m-1/message_body")).isEqualTo("old");
        assertThat(StorageCipher.addVersion(ring)).isEqualTo(3);
    }

    @Test
    void refusesTrivialAndPublishedDefaultKeys(@TempDir Path dir) throws Exception {
        Path ring = dir.resolve("storage-keys");
        Files.writeString(ring, "1=" + Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        assertThatThrownBy(() -> StorageCipher.load(ring)).hasMessageContaining("trivial");
        byte[] published = "change_this_secret_in_production".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.writeString(ring, "1=" + Base64.getEncoder().encodeToString(published) + "\n");
        assertThatThrownBy(() -> StorageCipher.load(ring)).hasMessageContaining("published default");
    }

    @Test
    void loadsAKeyRingFileAndRefusesShortKeys(@TempDir Path dir) throws Exception {
        Path ring = dir.resolve("storage-keys");
        Files.writeString(ring, "# comment\n1=" + Base64.getEncoder().encodeToString(KeysForTests.random(32)) + "\n");
        assertThat(StorageCipher.load(ring).currentVersion()).isEqualTo(1);
        Files.writeString(ring, "1=" + Base64.getEncoder().encodeToString(new byte[16]) + "\n");
        assertThatThrownBy(() -> StorageCipher.load(ring)).hasMessageContaining("not 256 bits");
    }
}
