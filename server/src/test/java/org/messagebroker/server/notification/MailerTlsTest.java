package org.messagebroker.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.ca.CertificateAuthority;
import org.messagebroker.server.ca.ComponentRole;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.mail.MailException;

/**
 * SMTPS for real: GreenMail presents a certificate from a CA of the test's own for "localhost"; the mailer
 * sends when that CA is trusted (SMTP_TRUSTED_CA) and refuses to when it is not, or when the name differs.
 */
class MailerTlsTest {

    static final String PASSWORD = "changeit";
    @TempDir
    static Path dir;
    static GreenMail smtps;
    static Path caFile;

    /** Once per JVM in effect: GreenMail reads its TLS key once, when its first TLS listener starts. */
    @BeforeAll
    static void start() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Instant.now(), CertificateAuthority.KeyType.ecp256);
        KeyPair pair = CertificateAuthority.newLeafKeyPair();
        X509Certificate server = ca.issueComponent(ComponentRole.forName("server").orElseThrow(), "CN=localhost",
                pair.getPublic(), Instant.now(), Duration.ofDays(1), List.of("localhost"), List.of());
        caFile = dir.resolve("smtp-ca.crt");
        PemFiles.writePublic(caFile, PemFiles.pem(ca.certificate()));
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setKeyEntry("greenmail", pair.getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {server, ca.certificate()});
        Path keystoreFile = dir.resolve("greenmail.p12");
        try (OutputStream out = Files.newOutputStream(keystoreFile)) {
            keystore.store(out, PASSWORD.toCharArray());
        }
        // GreenMail reads its TLS key from these when its listener starts.
        System.setProperty("greenmail.tls.keystore.file", keystoreFile.toString());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
        System.setProperty("greenmail.tls.key.password", PASSWORD);
        smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
    }

    @AfterAll
    static void stop() {
        smtps.stop();
    }

    private static Mailer mailer(String host, Path trustedCa) {
        return new Mailer(new ServerSettings.Mail(host, smtps.getSmtps().getPort(), "", "", "smtps",
                "broker@example.com", Duration.ofSeconds(5), trustedCa));
    }

    @Test
    void sendsOverSmtpsToAServerWhoseCertificateComesFromTheTrustedCa() throws Exception {
        mailer("localhost", caFile).send("ops@example.com", "over TLS", "hello");
        assertThat(smtps.getReceivedMessages()).anySatisfy(mail -> assertThat(mail.getSubject()).isEqualTo("over TLS"));
    }

    @Test
    void refusesAServerItCannotVerify() {
        assertThatThrownBy(() -> mailer("localhost", null).send("ops@example.com", "x", "x"))
                .as("a certificate from a CA nobody trusts").isInstanceOf(MailException.class);
        assertThatThrownBy(() -> mailer("127.0.0.1", caFile).send("ops@example.com", "x", "x"))
                .as("a certificate for another name").isInstanceOf(MailException.class);
        assertThat(smtps.getReceivedMessages()).noneMatch(mail -> {
            try {
                return mail.getSubject().equals("x");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
