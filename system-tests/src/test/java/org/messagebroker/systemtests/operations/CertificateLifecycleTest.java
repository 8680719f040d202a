package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.postJson;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.ca.CertificateAuthority;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.messagebroker.systemtests.harness.TestCertificates;
import tools.jackson.databind.JsonNode;

/** The certificate lifecycle through the admin API, the proxy and the public CRL, without OpenSSL on our side. */
class CertificateLifecycleTest {

    private static final String BODY = "{\"sender_number\":\"+4915200000000\",\"message_body\":\"hello\"}";

    static Path dir;
    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.SERVER, Role.PROXY, Role.WORKER));
    static RunningBroker broker;
    static String token;

    @BeforeAll
    static void start() {
        broker = running.get();
        dir = broker.dir;
        token = broker.adminToken();
    }

    @Test
    @Tag("security")
    void aRevokedCertificateIsOnTheSignedCrlAndOpensslAgrees() throws Exception {
        broker.registerClient(token, "crl-client");
        assertThat(broker.postJsonAs(token, "/admin/certificates/revoke",
                "{\"client_id\":\"crl-client\",\"reason\":\"key compromise\",\"reason_code\":\"made-up\"}")
                .statusCode()).isEqualTo(400);
        assertThat(broker.postJsonAs(token, "/admin/certificates/revoke",
                "{\"client_id\":\"crl-client\",\"reason\":\"key compromise\",\"reason_code\":\"keyCompromise\"}")
                .statusCode()).isEqualTo(200);

        X509CRL crl = crl();
        X509Certificate revoked = PemFiles.readCertificate(dir.resolve("crl-client.crt"));
        assertThat(crl.getRevokedCertificate(revoked).getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        X509Certificate ca = PemFiles.readCertificate(dir.resolve("ca.crt"));
        crl.verify(ca.getPublicKey());
        assertThat(crl.isRevoked(revoked)).isTrue();
        assertThat(crl.isRevoked(PemFiles.readCertificate(dir.resolve("demo-client.crt")))).isFalse();
        assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
        assertThat(crl.getExtensionValue(Extension.cRLNumber.getId())).isNotNull();

        String pem = send(broker.client(null), HttpRequest.newBuilder(broker.server("/ca/crl.pem")).GET()).body();
        Files.writeString(dir.resolve("crl.pem"), pem);
        assertThat(openssl("crl", "-in", dir.resolve("crl.pem").toString(), "-noout", "-text"))
                .contains("Serial Number: " + revoked.getSerialNumber().toString(16).toUpperCase())
                .contains("X509v3 CRL Number");
        assertThat(openssl("verify", "-crl_check", "-CAfile", dir.resolve("ca.crt").toString(), "-CRLfile",
                dir.resolve("crl.pem").toString(), dir.resolve("crl-client.crt").toString()))
                .contains("certificate revoked");
        assertThat(openssl("verify", "-crl_check", "-CAfile", dir.resolve("ca.crt").toString(), "-CRLfile",
                dir.resolve("crl.pem").toString(), dir.resolve("demo-client.crt").toString())).contains(": OK");
    }

    @Test
    @Tag("security")
    void whatAProxyAcceptedAfterARevocationItHadNotLearnedOfIsDeadLetteredNotStored() {
        broker.registerClient(token, "late-news");
        broker.stop(Role.PROXY);
        broker.start(Role.PROXY, Map.of("PROXY_ACCESS_REFRESH_INTERVAL", "1h"));
        try {
            String before = broker.submit("late-news", BODY);
            assertThat(broker.postJsonAs(token, "/admin/certificates/revoke",
                    "{\"client_id\":\"late-news\",\"reason\":\"stolen\",\"reason_code\":\"keyCompromise\"}")
                    .statusCode()).isEqualTo(200);
            String after = broker.submit("late-news", BODY);

            broker.awaitDelivered(token, before);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deadLetterReason(after) != null);
            assertThat(deadLetterReason(after)).contains("was revoked at").contains("before the message was accepted");
            assertThat(broker.getJson(token, "/admin/dead-letters").toString()).doesNotContain(before);
        } finally {
            broker.stop(Role.PROXY);
            broker.start(Role.PROXY);
        }
    }

    private static String deadLetterReason(String messageId) {
        for (JsonNode letter : broker.getJson(token, "/admin/dead-letters?per_page=100").path("dead_letters")) {
            if (letter.path("message_id").asString().equals(messageId)) {
                return letter.path("reason").asString();
            }
        }
        return null;
    }

    private X509CRL crl() throws Exception {
        HttpResponse<byte[]> der = send(broker.client(null), HttpRequest.newBuilder(broker.server("/ca/crl.der")).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(der.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der.body()));
    }

    @Test
    @Tag("security")
    void aCsrKeepsTheKeyWithTheClientAndItsSubjectComesFromTheRecords() throws Exception {
        KeyPair own = CertificateAuthority.newLeafKeyPair();
        HttpResponse<String> response = broker.postJsonAs(token, "/admin/certificates/generate",
                "{\"client_id\":\"csr-client\",\"domain\":\"billing\",\"csr\":" + quoted(csr(own, "CN=someone-else")) + "}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        JsonNode issued = json(response);
        assertThat(issued.has("private_key")).isFalse();
        assertThat(issued.has("pkcs12")).isFalse();
        X509Certificate certificate = PemFiles.parseCertificate(issued.path("certificate").asString());
        assertThat(certificate.getSubjectX500Principal().getName().split(","))
                .containsExactlyInAnyOrder("CN=csr-client", "O=MessageBroker", "OU=billing");
        assertThat(certificate.getPublicKey()).isEqualTo(own.getPublic());

        PemFiles.writePublic(dir.resolve("csr-client.crt"), issued.path("certificate").asString());
        PemFiles.writeOwnerOnly(dir.resolve("csr-client.key"), PemFiles.pem("PRIVATE KEY", own.getPrivate().getEncoded()));
        awaitAccepted("csr-client");

        assertThat(broker.postJsonAs(token, "/admin/certificates/generate",
                "{\"client_id\":\"bad-csr\",\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nAAAA\\n-----END CERTIFICATE REQUEST-----\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aGeneratedKeyComesOnceAsPemAndAsAPasswordProtectedPkcs12() throws Exception {
        JsonNode issued = broker.registerClient(token, "p12-client");
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] password = issued.path("pkcs12_password").asString().toCharArray();
        store.load(new ByteArrayInputStream(Base64.getDecoder().decode(issued.path("pkcs12").asString())), password);
        assertThat(store.getKey("p12-client", password)).isNotNull();
        assertThat(store.getCertificateChain("p12-client")).hasSize(2);
        assertThatThrownBy(() -> store.getKey("p12-client", "wrong".toCharArray())).isNotNull();
    }

    @Test
    void aClientRenewsItsOwnCertificateOverMutualTlsAndTheNewOneSupersedesTheOld() throws Exception {
        broker.registerClient(token, "renewing");
        awaitAccepted("renewing");
        KeyPair next = CertificateAuthority.newLeafKeyPair();
        assertThat(send(broker.client("renewing"), postJson(broker.proxy("/api/v1/certificates/renew"),
                "{\"csr\":" + quoted(csr(next, "CN=renewing")) + ",\"validity_days\":3650}")).statusCode())
                .as("validity is capped by policy").isEqualTo(400);
        BigInteger oldSerial = PemFiles.readCertificate(dir.resolve("renewing.crt")).getSerialNumber();
        HttpResponse<String> renewed = send(broker.client("renewing"), postJson(broker.proxy("/api/v1/certificates/renew"),
                "{\"csr\":" + quoted(csr(next, "CN=renewing")) + ",\"validity_days\":30}"));
        assertThat(renewed.statusCode()).isEqualTo(201);
        X509Certificate fresh = PemFiles.parseCertificate(json(renewed).path("certificate").asString());
        assertThat(fresh.getSubjectX500Principal().getName().split(","))
                .containsExactlyInAnyOrder("CN=renewing", "O=MessageBroker", "OU=default");
        assertThat(fresh.getNotAfter().toInstant()).isBefore(Instant.now().plus(Duration.ofDays(31)));

        PemFiles.writePublic(dir.resolve("renewed.crt"), json(renewed).path("certificate").asString());
        PemFiles.writeOwnerOnly(dir.resolve("renewed.key"), PemFiles.pem("PRIVATE KEY", next.getPrivate().getEncoded()));
        assertThat(send(broker.client("renewed"), postJson(broker.proxy("/api/v1/messages"), BODY)).statusCode())
                .isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(send(broker.client("renewing"),
                postJson(broker.proxy("/api/v1/messages"), BODY)).statusCode()).as("the old certificate is superseded")
                .isEqualTo(403));
        JsonNode listed = broker.getJson(token, "/admin/certificates?status=active&per_page=100");
        assertThat(listed.path("certificates").findValuesAsString("client_id").stream()
                .filter("renewing"::equals).count()).isEqualTo(1);
        X509CRLEntry entry = crl().getRevokedCertificate(oldSerial);
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);

        HttpResponse<String> byAdmin = broker.postJsonAs(token, "/admin/certificates/renew", "{\"client_id\":\"renewing\"}");
        assertThat(byAdmin.statusCode()).isEqualTo(201);
        assertThat(json(byAdmin).path("private_key").asString()).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    @Tag("security")
    void aRevokedClientCannotRenewAndANotYetValidCertificateIsRefused() {
        broker.registerClient(token, "gone");
        broker.postJsonAs(token, "/admin/certificates/revoke", "{\"client_id\":\"gone\",\"reason\":\"contract ended\"}");
        assertThat(broker.postJsonAs(token, "/admin/certificates/renew", "{\"client_id\":\"gone\"}").statusCode())
                .isEqualTo(409);
        assertThat(broker.getJson(token, "/admin/certificates?status=revoked").path("certificates")
                .findValuesAsString("client_id")).contains("gone");

        TestCertificates.issueFromOurCa(dir, "demo-client-future", Instant.now().plus(Duration.ofDays(2)),
                KeyPurposeId.id_kp_clientAuth);
        assertThatThrownBy(() -> send(broker.client("demo-client-future"), postJson(broker.proxy("/api/v1/messages"), BODY)))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    @Tag("security")
    void certificateAdministrationIsForAdminsOnly() {
        for (String path : List.of("/admin/certificates", "/admin/certificates/expiring")) {
            assertThat(send(broker.client(null), HttpRequest.newBuilder(broker.server(path)).GET()).statusCode())
                    .isEqualTo(401);
        }
        assertThat(send(broker.client(null), postJson(broker.server("/admin/certificates/generate"),
                "{\"client_id\":\"x\"}")).statusCode()).isEqualTo(401);
    }

    private static void awaitAccepted(String certificate) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                send(broker.client(certificate), postJson(broker.proxy("/api/v1/messages"), BODY)).statusCode() == 202);
    }

    private static String csr(KeyPair pair, String subject) throws Exception {
        return PemFiles.pem("CERTIFICATE REQUEST", new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject),
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded());
    }

    private static String quoted(String text) {
        return RunningBroker.JSON.writeValueAsString(text);
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
