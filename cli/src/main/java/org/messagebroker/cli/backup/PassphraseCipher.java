package org.messagebroker.cli.backup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a key derived from a passphrase (PBKDF2-HMAC-SHA256, 600,000 iterations, as OWASP
 * recommends). Layout: magic, salt (16), nonce (12), ciphertext with tag.
 */
final class PassphraseCipher {

    private static final byte[] MAGIC = "MBK1".getBytes(StandardCharsets.US_ASCII);
    private static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PassphraseCipher() {
    }

    static byte[] seal(char[] passphrase, byte[] plaintext) {
        byte[] salt = random(16);
        byte[] nonce = random(12);
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, passphrase, salt, nonce, plaintext);
        return ByteBuffer.allocate(MAGIC.length + salt.length + nonce.length + ciphertext.length)
                .put(MAGIC).put(salt).put(nonce).put(ciphertext).array();
    }

    /** @throws BackupFailure when the passphrase is wrong or the data was altered */
    static byte[] open(char[] passphrase, byte[] sealed) {
        if (sealed.length < MAGIC.length + 28 || !Arrays.equals(MAGIC, Arrays.copyOf(sealed, MAGIC.length))) {
            throw new BackupFailure("not an encrypted key bundle");
        }
        byte[] salt = Arrays.copyOfRange(sealed, 4, 20);
        byte[] nonce = Arrays.copyOfRange(sealed, 20, 32);
        return run(Cipher.DECRYPT_MODE, passphrase, salt, nonce, Arrays.copyOfRange(sealed, 32, sealed.length));
    }

    private static byte[] run(int mode, char[] passphrase, byte[] salt, byte[] nonce, byte[] input) {
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(passphrase, salt, ITERATIONS, 256)).getEncoded();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            Arrays.fill(key, (byte) 0);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new BackupFailure("wrong passphrase, or the key bundle was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM/PBKDF2 unavailable in this JDK", e);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

}
