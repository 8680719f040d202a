package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.messagebroker.cli.BrokerCommand;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * A client keeps its own certificate fresh through the proxy with {@code broker certs renew --cert …}:
 * once, and as a watching agent that renews when due and then waits; the renewed files work at once.
 */
class ClientRenewalTest {

    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.SERVER, Role.PROXY));
    static RunningBroker broker;

    @BeforeAll
    static void start() {
        broker = running.get();
        String admin = broker.adminToken();
        broker.registerClient(admin, "acme");
        // globex's first certificate lives ten days: due at once for an agent renewing 20 days before the end.
        broker.registerClient(admin, "globex", 10);
    }

    private static String[] renew(String client, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("certs", "renew", "--cert",
                broker.dir.resolve(client + ".crt").toString(), "--key", broker.dir.resolve(client + ".key").toString(),
                "--proxy", "https://localhost:" + broker.proxyPort, "--days", "30"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static BigInteger serial(String client) {
        return PemFiles.readCertificate(broker.dir.resolve(client + ".crt")).getSerialNumber();
    }

    @Test
    void onceRenewsWithANewKeyRunsTheHookAndTheNewFilesWorkAtOnce() throws Exception {
        BigInteger before = serial("acme");
        String oldKey = Files.readString(broker.dir.resolve("acme.key"));
        Path hooked = broker.dir.resolve("hook-ran");

        String output = CommandRun.broker(0, renew("acme", "--exec", "echo \"$BROKER_CERTIFICATE\" > " + hooked));

        assertThat(output).contains("Renewed: serial");
        assertThat(serial("acme")).isNotEqualTo(before);
        assertThat(PemFiles.readCertificate(broker.dir.resolve("acme.crt")).getSubjectX500Principal().getName())
                .contains("CN=acme");
        assertThat(Files.readString(broker.dir.resolve("acme.key"))).isNotEqualTo(oldKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(broker.dir.resolve("acme.key"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(hooked).trim()).isEqualTo(broker.dir.resolve("acme.crt").toAbsolutePath().toString());
        assertThat(broker.submit("acme", "sent with the renewed certificate")).isNotNull();
    }

    @Test
    void withoutTheProxyItSaysSoAndChangesNothing() {
        BigInteger before = serial("acme");

        String output = CommandRun.broker(1, "certs", "renew", "--cert", broker.dir.resolve("acme.crt").toString(),
                "--key", broker.dir.resolve("acme.key").toString(), "--proxy", "https://localhost:" + RunningBroker.freePort());

        assertThat(output).contains("Not renewed: the proxy at").contains("cannot be reached");
        assertThat(serial("acme")).isEqualTo(before);
    }

    @Test
    void watchingRenewsWhenDueAndThenWaitsForTheNextDueDate() throws Exception {
        BigInteger first = serial("globex");
        AtomicInteger exit = new AtomicInteger(-1);
        // The ten-day certificate is due at once; the renewed one (30 days) only in ten days.
        Thread agent = Thread.ofVirtual().start(() -> exit.set(BrokerCommand.commandLine().execute(
                renew("globex", "--watch", "--renew-before", "20d", "--check-every", "1s"))));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !serial("globex").equals(first));
            BigInteger renewed = serial("globex");
            Thread.sleep(3_000);
            assertThat(serial("globex")).as("not renewed again: due in ten days").isEqualTo(renewed);
            assertThat(agent.isAlive()).isTrue();
        } finally {
            agent.interrupt();
            agent.join(Duration.ofSeconds(10));
        }
        assertThat(exit.get()).as("stops cleanly when interrupted").isZero();
        assertThat(broker.submit("globex", "sent with the watched certificate")).isNotNull();
    }
}
