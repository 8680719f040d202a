package org.messagebroker.systemtests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.messagebroker.systemtests.harness.RunningBroker.json;
import static org.messagebroker.systemtests.harness.RunningBroker.postJson;
import static org.messagebroker.systemtests.harness.RunningBroker.send;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.messagebroker.systemtests.harness.TestCertificates;
import tools.jackson.databind.JsonNode;

/**
 * Who may send, through real TLS with real certificates: the original's TC-P-004/005 and TC-S-001…005,
 * and what the original got wrong (identity from headers, no revocation).
 */
@Tag("security")
class ClientAccessTest {

    private static final String BODY = "{\"sender_number\":\"+4915200000000\",\"message_body\":\"hello\"}";

    static Path dir;
    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.SERVER, Role.PROXY),
            Map.of("PROXY_ACCESS_REFRESH_INTERVAL", "500ms"));
    static RunningBroker broker;
    static String token;

    @BeforeAll
    static void start() {
        broker = running.get();
        dir = broker.dir;
        token = broker.adminToken();
    }

    private static HttpResponse<String> submitAs(String certificate, String body) {
        return send(broker.client(certificate), postJson(broker.proxy("/api/v1/messages"), body));
    }

    @Test
    void aRegisteredClientSendsWithTheCertificateTheServerIssued() {
        JsonNode issued = broker.registerClient(token, "acme-billing");
        assertThat(issued.path("fingerprint").asString()).matches("SHA256:[0-9a-f]{64}");
        assertThat(issued.path("private_key").asString()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(issued.path("ca_certificate").asString()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(submitAs("acme-billing", BODY).statusCode()).as("admitted once registered").isEqualTo(202);
        assertThat(broker.postJsonAs(token, "/admin/certificates/generate", "{\"client_id\":\"acme-billing\"}")
                .statusCode()).as("same client again").isEqualTo(409);
        assertThat(broker.postJsonAs(token, "/admin/certificates/generate", "{\"client_id\":\"CN=evil,O=x\"}")
                .statusCode()).as("a client id that is not a plain name").isEqualTo(400);
    }

    @Test
    void aCertificateFromOurCaForAClientTheServerDoesNotKnowIsForbidden() {
        TestCertificates.issueFromOurCa(dir, "ghost");
        HttpResponse<String> response = submitAs("ghost", BODY);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("error").asString()).isEqualTo("authorization_error");
        assertThat(json(response).path("detail").asString()).isEqualTo("The client is not registered");
    }

    @Test
    void aCertificateWithoutClientAuthUsageIsRefusedInTheHandshake() {
        TestCertificates.issueFromOurCa(dir, "demo-client-server-usage", Instant.now(), KeyPurposeId.id_kp_serverAuth);
        assertThatThrownBy(() -> submitAs("demo-client-server-usage", BODY)).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("(unsupported_certificate) Received fatal alert: unsupported_certificate");
    }

    @Test
    void aCertificateOfOurCaWithoutAnyKeyUsageOrMarkedAsACaIsRefusedInTheHandshake() throws Exception {
        TestCertificates.issueOddFromOurCa(dir, "demo-client-no-usage", false, false);
        TestCertificates.issueOddFromOurCa(dir, "demo-client-as-ca", true, true);
        for (String name : new String[] {"demo-client-no-usage", "demo-client-as-ca"}) {
            assertThatThrownBy(() -> submitAs(name, BODY)).as(name).isInstanceOf(UncheckedIOException.class)
                    .hasRootCauseMessage("(unsupported_certificate) Received fatal alert: unsupported_certificate");
        }
    }

    @Test
    void anExpiredCertificateIsRefusedInTheHandshake() {
        TestCertificates.issueFromOurCa(dir, "demo-client-expired", Instant.now().minus(Duration.ofDays(3)),
                KeyPurposeId.id_kp_clientAuth);
        assertThatThrownBy(() -> submitAs("demo-client-expired", BODY)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void identityComesFromTheCertificateNeverFromHeadersOrMetadata() {
        HttpResponse<String> response = send(broker.client("demo-client"), postJson(broker.proxy("/api/v1/messages"),
                "{\"sender_number\":\"+4915200000000\",\"message_body\":\"hello\","
                        + "\"metadata\":{\"client_id\":\"someone-else\",\"timestamp\":\"1999-01-01T00:00:00Z\"}}")
                .header("X-Client-Cert-CN", "someone-else").header("X-Client-ID", "someone-else"));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("client_id").asString()).isEqualTo("demo-client");
    }

    @Test
    void revocationReachesAConnectionKeptAliveFromBeforeWithinSeconds() {
        broker.registerClient(token, "to-be-revoked");
        HttpClient keptAlive = broker.client("to-be-revoked");
        assertThat(send(keptAlive, postJson(broker.proxy("/api/v1/messages"), BODY)).statusCode()).isEqualTo(202);

        HttpResponse<String> revoked = broker.postJsonAs(token, "/admin/certificates/revoke",
                "{\"client_id\":\"to-be-revoked\",\"reason\":\"key compromise\"}");
        assertThat(revoked.statusCode()).isEqualTo(200);
        HttpResponse<String> refused = Awaitility.await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> send(keptAlive, postJson(broker.proxy("/api/v1/messages"), BODY)), r -> r.statusCode() != 202);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("detail").asString()).contains("revoked");
        assertThat(broker.postJsonAs(token, "/admin/certificates/revoke",
                "{\"client_id\":\"to-be-revoked\",\"reason\":\"again\"}").statusCode()).isEqualTo(409);
        assertThat(broker.postJsonAs(token, "/admin/certificates/revoke",
                "{\"client_id\":\"nobody\",\"reason\":\"x\"}").statusCode()).isEqualTo(404);
    }
}
