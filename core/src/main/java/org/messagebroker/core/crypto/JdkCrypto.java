package org.messagebroker.core.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * The per-message primitives (AES-GCM, HMAC-SHA-256), taken from the JDK's own provider directly. Asking
 * for a transformation by name alone searches every installed provider on each call and again at init,
 * about 0.9 µs each time (JMH, docs/performance.md). Where the JDK has no SunJCE provider (a FIPS
 * configuration), the usual search serves.
 */
public final class JdkCrypto {

    private static final Provider SUN_JCE = Security.getProvider("SunJCE");

    private JdkCrypto() {
    }

    public static Cipher aesGcm() throws GeneralSecurityException {
        return SUN_JCE == null ? Cipher.getInstance("AES/GCM/NoPadding") : Cipher.getInstance("AES/GCM/NoPadding", SUN_JCE);
    }

    public static Mac hmacSha256() throws GeneralSecurityException {
        return SUN_JCE == null ? Mac.getInstance("HmacSHA256") : Mac.getInstance("HmacSHA256", SUN_JCE);
    }
}
