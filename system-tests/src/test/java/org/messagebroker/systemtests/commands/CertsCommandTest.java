package org.messagebroker.systemtests.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.BrokerCommand;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.messagebroker.systemtests.harness.TestCertificates;

/** An operator runs the certificate lifecycle from the command line, against a running server. */
class CertsCommandTest {

    static Path dir;
    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.SERVER));
    static RunningBroker broker;
    static Path tokenFile;
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        broker = running.get();
        dir = broker.dir;
        tokenFile = Files.writeString(dir.resolve("token"), broker.adminToken());
    }

    private int broker(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", "https://localhost:" + broker.serverPort, "--data-dir", dir.toString()));
        if (!all.contains("--email")) {
            all.addAll(List.of("--token-file", tokenFile.toString()));
        }
        return BrokerCommand.commandLine().setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    }

    @Test
    void generateVerifyRevokeAndVerifyAgain() throws Exception {
        Path out = dir.resolve("out");
        assertThat(broker("certs", "generate", "cli-client", "--domain", "billing", "--out", out.toString())).isZero();
        assertThat(Files.readString(out.resolve("cli-client.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("cli-client.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("cli-client.p12"))))
                .isEqualTo("rw-------");
        assertThat(broker("certs", "verify", out.resolve("cli-client.crt").toString())).isZero();

        assertThat(broker("certs", "revoke", "cli-client", "--reason", "laptop stolen")).isZero();
        assertThat(broker("certs", "verify", out.resolve("cli-client.crt").toString())).as("now on the CRL").isEqualTo(1);
        assertThat(broker("certs", "revoke", "cli-client", "--reason", "again")).isEqualTo(1);
        assertThat(err.toString()).contains("409").contains("already revoked");
    }

    @Test
    void renewListAndIssueAComponentCertificate() {
        Path out = dir.resolve("renewed");
        assertThat(broker("certs", "renew", "demo-client", "--days", "30", "--out", out.toString())).isZero();
        assertThat(broker("certs", "verify", out.resolve("demo-client.crt").toString())).isZero();
        assertThat(broker("certs", "list", "--status", "active")).isZero();
        assertThat(broker("certs", "list", "--json")).isZero();
        String written = CommandRun.broker(0, "certs", "issue-component", "proxy", "--dns", "localhost,proxy.example.com",
                "--ip", "127.0.0.1", "--out", dir.resolve("components").toString(), "--server",
                "https://localhost:" + broker.serverPort, "--data-dir", dir.toString(), "--token-file", tokenFile.toString());
        assertThat(Files.exists(dir.resolve("components/proxy.key"))).isTrue();
        assertThat(written).as("a component gets no PKCS#12 bundle, so none is announced").contains("proxy.key")
                .doesNotContain("p12");
    }

    @Test
    void aCertificateFromAnotherCaDoesNotVerify(@TempDir Path elsewhere) {
        TestCertificates.foreignClient(elsewhere, dir.resolve("ca.crt"));
        assertThat(broker("certs", "verify", elsewhere.resolve("demo-client.crt").toString())).isEqualTo(1);
    }

    @Test
    void anAdminCanLogInWithAPasswordAndWithoutCredentialsNothingHappens() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), broker.initialAdminPassword());
        assertThat(broker("certs", "list", "--email", "admin@example.com", "--password-file", password.toString()))
                .isZero();
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password");
        assertThat(broker("certs", "list", "--email", "admin@example.com", "--password-file", wrong.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("401");
    }
}
