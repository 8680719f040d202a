package org.messagebroker.server.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.NamedParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.ca.CaKeyFile;
import org.messagebroker.server.ca.CertificateAuthority;
import org.messagebroker.server.ca.ComponentRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, on first start, everything an installation needs under its data directory and reuses it
 * on later starts: the CA, a certificate for every component, a demo client certificate, and the
 * server's secrets. Private keys and secrets are written with mode 0600 and never logged.
 */
public final class Installation {

    public static final List<String> COMPONENTS = List.of("server", "proxy", "worker", "portal");
    public static final String DEMO_CLIENT = "demo-client";
    private static final Logger log = LoggerFactory.getLogger(Installation.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Clock clock;
    private final CertificateAuthority.KeyType caKeyType;

    public Installation(Path dir, Clock clock) {
        this(dir, clock, CertificateAuthority.KeyType.valueOf(
                System.getenv().getOrDefault("BROKER_CA_KEY_TYPE", "rsa4096")));
    }

    public Installation(Path dir, Clock clock, CertificateAuthority.KeyType caKeyType) {
        this.dir = dir.toAbsolutePath().normalize();
        this.clock = clock;
        this.caKeyType = caKeyType;
    }

    /** Whether this directory has a CA already. */
    public boolean hasCa() {
        return CaKeyFile.in(dir).exists();
    }

    public void prepare() {
        createPrivateDirectory(dir);
        createPrivateDirectory(dir.resolve("secrets"));
        CertificateAuthority ca = certificateAuthority();
        for (String component : COMPONENTS) {
            Path certificate = dir.resolve("tls/" + component + ".crt");
            if (Files.notExists(certificate)) {
                issueComponent(ca, component, certificate);
            } else if (ComponentRole.of(PemFiles.readCertificate(certificate)).isEmpty()) {
                // Issued before components had a role of their own (version 1.0): the server would refuse it.
                issueComponent(ca, component, certificate);
                log.info("Re-issued {} with the {} component role; copy it to hosts that run that component",
                        certificate, component);
            }
        }
        if (Files.notExists(dir.resolve(DEMO_CLIENT + ".crt"))) {
            KeyPair pair = CertificateAuthority.newLeafKeyPair();
            write(ca, ca.issue("CN=" + DEMO_CLIENT + ", O=MessageBroker, OU=default", pair.getPublic(), clock.instant(),
                    Duration.ofDays(365), List.of(KeyPurposeId.id_kp_clientAuth), List.of(), List.of()), pair,
                    dir.resolve(DEMO_CLIENT + ".crt"), dir.resolve(DEMO_CLIENT + ".key"));
            log.info("Created the demo client certificate {}", dir.resolve(DEMO_CLIENT + ".crt"));
        }
        createSecrets();
    }

    private CertificateAuthority certificateAuthority() {
        CaKeyFile key = CaKeyFile.in(dir);
        Path certificate = dir.resolve("ca/ca.crt");
        if (key.exists()) {
            return new CertificateAuthority(PemFiles.readCertificate(certificate), key.read());
        }
        log.info("Creating the certificate authority in {} ({})", dir.resolve("ca"), caKeyType);
        createPrivateDirectory(dir.resolve("ca"));
        CertificateAuthority ca = CertificateAuthority.create(clock.instant(), caKeyType);
        key.write(ca.key());
        String pem = PemFiles.pem(ca.certificate());
        PemFiles.writePublic(certificate, pem);
        PemFiles.writePublic(dir.resolve("ca.crt"), pem);
        return ca;
    }

    private void issueComponent(CertificateAuthority ca, String component, Path certificate) {
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        X509Certificate issued = ca.issueComponent(ComponentRole.forName(component).orElseThrow(),
                "CN=" + component + ", O=MessageBroker", pair.getPublic(), clock.instant(), Duration.ofDays(365),
                serverNames(), List.of("127.0.0.1", "::1"));
        write(ca, issued, pair, certificate, dir.resolve("tls/" + component + ".key"));
    }

    private static void write(CertificateAuthority ca, X509Certificate issued, KeyPair pair, Path certificate, Path key) {
        PemFiles.writeOwnerOnly(key, PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        PemFiles.writePublic(certificate, ca.chainPem(issued));
    }

    private void createSecrets() {
        Path sealingPrivate = dir.resolve("secrets/sealing-private.pem");
        if (Files.notExists(sealingPrivate)) {
            // X25519 (envelope v2): a queue entry half the size of one sealed for RSA-3072 (v1), which
            // installations made before keep (EnvelopeSealer and EnvelopeOpener take either).
            KeyPair pair = x25519();
            PemFiles.writeOwnerOnly(sealingPrivate, PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            PemFiles.writePublic(dir.resolve("keys/sealing-public.pem"),
                    PemFiles.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        writeRandomSecret(dir.resolve("secrets/storage-keys"), "1=");
        writeRandomSecret(dir.resolve("secrets/blind-index.key"), "");
        writeRandomSecret(dir.resolve("secrets/jwt.key"), "");
    }

    private static void writeRandomSecret(Path file, String prefix) {
        if (Files.notExists(file)) {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            PemFiles.writeOwnerOnly(file, prefix + Base64.getEncoder().encodeToString(secret) + "\n");
        }
    }

    private static List<String> serverNames() {
        List<String> names = new ArrayList<>(List.of("localhost"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!names.contains(host)) {
                names.add(host);
            }
        } catch (IOException unknownHost) {
            // localhost alone will do
        }
        return names;
    }

    private static KeyPair x25519() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
            generator.initialize(NamedParameterSpec.X25519, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }


    private static void createPrivateDirectory(Path directory) {
        try {
            if (Files.notExists(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }
}
