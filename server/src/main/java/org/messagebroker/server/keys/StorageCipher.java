package org.messagebroker.server.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.messagebroker.core.crypto.JdkCrypto;
import org.messagebroker.core.tls.PemFiles;

/**
 * AES-256-GCM for data at rest under a versioned key ring. New values use the newest version; older
 * versions stay readable. The associated data binds a value to its row and column, so a ciphertext
 * copied to another message or field does not decrypt.
 */
public final class StorageCipher {

    private static final int NONCE_BYTES = 12;
    private final SecureRandom random = new SecureRandom();
    private volatile TreeMap<Integer, SecretKey> keys;

    StorageCipher(Map<Integer, SecretKey> keys) {
        this.keys = checked(keys);
    }

    /** Reads a key ring file of lines {@code <version>=<base64 32-byte key>}. */
    public static StorageCipher load(Path file) {
        return new StorageCipher(read(file));
    }

    /** Replaces the ring with the file's current content (a new version added, an old one retired). */
    public void reload(Path file) {
        keys = checked(read(file));
    }

    public Set<Integer> versions() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /**
     * Appends a new random key to the ring file (mode 0600) and answers its version. A running server
     * picks it up at its next reload and re-encrypts older rows in the background.
     */
    public static int addVersion(Path file) {
        int version = read(file).keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            PemFiles.writeOwnerOnly(file, Files.readString(file).stripTrailing() + "\n" + version + "="
                    + Base64.getEncoder().encodeToString(key) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the storage key ring " + file, e);
        }
        return version;
    }

    private static TreeMap<Integer, SecretKey> checked(Map<Integer, SecretKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the storage key ring is empty");
        }
        return new TreeMap<>(keys);
    }

    private static Map<Integer, SecretKey> read(Path file) {
        try {
            Map<Integer, SecretKey> keys = new TreeMap<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int equals = line.indexOf('=');
                byte[] key = Base64.getDecoder().decode(line.substring(equals + 1).trim());
                if (key.length != 32) {
                    throw new IllegalArgumentException("storage key version " + line.substring(0, equals)
                            + " in " + file + " is not 256 bits");
                }
                String version = line.substring(0, equals).trim();
                WeakKeys.refuseWeak(key, "storage key version " + version + " in " + file);
                keys.put(Integer.parseInt(version), new SecretKeySpec(key, "AES"));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the storage key ring " + file, e);
        }
    }

    public int currentVersion() {
        return keys.lastKey();
    }

    /**
     * Encrypts with the key of {@code version} (take {@link #currentVersion()} once per row, so a reload
     * between two columns cannot split a row across versions); answers base64 of nonce and ciphertext.
     */
    public String encrypt(int version, String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, version, nonce, associatedData)
                    .doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + ciphertext.length);
            System.arraycopy(ciphertext, 0, out, NONCE_BYTES, ciphertext.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(int version, String value, String associatedData) {
        try {
            byte[] in = Base64.getDecoder().decode(value);
            byte[] plaintext = cipher(Cipher.DECRYPT_MODE, version, Arrays.copyOf(in, NONCE_BYTES), associatedData)
                    .doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UndecryptableException("stored value does not decrypt with key version " + version, e);
        }
    }

    private Cipher cipher(int mode, int version, byte[] nonce, String associatedData) throws GeneralSecurityException {
        SecretKey key = keys.get(version);
        if (key == null) {
            throw new GeneralSecurityException("no storage key version " + version);
        }
        Cipher cipher = JdkCrypto.aesGcm();
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A stored value that cannot be decrypted: tampered with, moved, or its key version is gone. */
    public static class UndecryptableException extends RuntimeException {
        UndecryptableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
