package org.messagebroker.core.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and writing PEM files: certificates, PKCS#8 private keys, SubjectPublicKeyInfo public keys. */
public final class PemFiles {

    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "XDH"};

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private PemFiles() {
    }

    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public static X509Certificate readCertificate(Path file) {
        try {
            return parseCertificate(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate " + file, e);
        }
    }

    public static X509Certificate parseCertificate(String pem) {
        try {
            byte[] der = der(pem, "CERTIFICATE");
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid X.509 certificate", e);
        }
    }

    /** A PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA, EC or X25519. */
    public static PrivateKey readPrivateKey(Path file) {
        return readKey(file, "PRIVATE KEY", (factory, der) -> factory.generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    /** An X.509 public key ({@code BEGIN PUBLIC KEY}), RSA, EC or X25519. */
    public static PublicKey readPublicKey(Path file) {
        return readKey(file, "PUBLIC KEY", (factory, der) -> factory.generatePublic(new X509EncodedKeySpec(der)));
    }

    private interface KeyParser<K> {
        K parse(KeyFactory factory, byte[] der) throws GeneralSecurityException;
    }

    private static <K> K readKey(Path file, String type, KeyParser<K> parser) {
        byte[] der;
        try {
            der = der(Files.readString(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.toLowerCase(Locale.ROOT) + " " + file, e);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return parser.parse(KeyFactory.getInstance(algorithm), der);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("unsupported " + type.toLowerCase(Locale.ROOT) + " algorithm in " + file);
    }

    /** Writes a file anyone may read (certificates, public keys), replacing it atomically. */
    public static void writePublic(Path file, String content) {
        write(file, content, "rw-r--r--");
    }

    /** Writes a file only its owner may read or write (mode 0600), replacing it atomically. */
    public static void writeOwnerOnly(Path file, String content) {
        write(file, content, "rw-------");
    }

    private static void write(Path file, String content, String permissions) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(permissions));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static byte[] der(String pem, String type) {
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(matcher.group(2));
            }
        }
        throw new IllegalArgumentException("no PEM block of type " + type);
    }
}
