package org.messagebroker.core.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.messagebroker.core.crypto.JdkCrypto;

/**
 * How an envelope's data key reaches the server, by the kind of the server's sealing key:
 * <ul>
 * <li>{@code v1}, an RSA key: the AES key itself, wrapped with RSA-OAEP-SHA256 (384 bytes for RSA-3072);</li>
 * <li>{@code v2}, an X25519 key: the sender's ephemeral X25519 public key (44 bytes, X.509), from which the
 *     server derives the AES key as HKDF-SHA256(X25519 shared secret, info = label + that public key).</li>
 * </ul>
 * The middle part travels in every message; v2 makes a queue entry half as large as v1.
 */
final class KeyTransport {

    static final String RSA_VERSION = "v1";
    static final String X25519_VERSION = "v2";
    private static final String WRAP_TRANSFORMATION = "RSA/ECB/OAEPPadding";
    private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    private static final byte[] LABEL = "message-broker envelope v2 data key".getBytes(StandardCharsets.US_ASCII);

    /** A data key and what the envelope carries for the server to recover it. */
    record Sent(String version, SecretKey key, String header) {
    }

    private KeyTransport() {
    }

    static Sent newDataKey(PublicKey server, SecureRandom random) throws GeneralSecurityException {
        if (versionFor(server).equals(RSA_VERSION)) {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey key = generator.generateKey();
            Cipher wrap = Cipher.getInstance(WRAP_TRANSFORMATION);
            wrap.init(Cipher.WRAP_MODE, server, OAEP_SHA256, random);
            return new Sent(RSA_VERSION, key, Envelope.B64.encodeToString(wrap.wrap(key)));
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
        generator.initialize(NamedParameterSpec.X25519, random);
        KeyPair ephemeral = generator.generateKeyPair();
        byte[] header = ephemeral.getPublic().getEncoded();
        return new Sent(X25519_VERSION, derive(ephemeral.getPrivate(), server, header), Envelope.B64.encodeToString(header));
    }

    /** The envelope version a sealing key (either half of the pair) makes and opens. */
    static String versionFor(Key key) {
        if (key.getAlgorithm().equals("RSA")) {
            return RSA_VERSION;
        }
        if (key instanceof XECKey xec && xec.getParams() instanceof NamedParameterSpec named
                && named.getName().equalsIgnoreCase("X25519")) {
            return X25519_VERSION;
        }
        throw new IllegalArgumentException("the sealing key must be RSA or X25519, not " + key.getAlgorithm());
    }

    static SecretKey received(String header, PrivateKey server) throws GeneralSecurityException {
        byte[] decoded = Envelope.B64D.decode(header);
        if (versionFor(server).equals(RSA_VERSION)) {
            Cipher unwrap = Cipher.getInstance(WRAP_TRANSFORMATION);
            unwrap.init(Cipher.UNWRAP_MODE, server, OAEP_SHA256);
            return (SecretKey) unwrap.unwrap(decoded, "AES", Cipher.SECRET_KEY);
        }
        PublicKey ephemeral = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(decoded));
        return derive(server, ephemeral, decoded);
    }

    /** X25519, then HKDF-SHA256 (RFC 5869) with an empty salt and one block of output: the AES-256 key. */
    private static SecretKey derive(PrivateKey mine, PublicKey theirs, byte[] ephemeralPublic)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(mine);
        agreement.doPhase(theirs, true);
        Mac hmac = JdkCrypto.hmacSha256();
        hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] pseudorandomKey = hmac.doFinal(agreement.generateSecret());
        hmac.init(new SecretKeySpec(pseudorandomKey, "HmacSHA256"));
        hmac.update(LABEL);
        hmac.update(ephemeralPublic);
        return new SecretKeySpec(hmac.doFinal(new byte[] {1}), "AES");
    }
}
