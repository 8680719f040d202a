package org.messagebroker.systemtests.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.BrokerCommand;
import org.messagebroker.cli.run.Role;
import org.messagebroker.cli.run.RoleLauncher;
import org.messagebroker.core.BrokerVersion;
import org.messagebroker.systemtests.harness.RunningBroker;
import picocli.CommandLine;

/** What the command line promises: help, version, clear errors and non-zero exits. */
class BrokerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new BrokerCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void helpListsTheRunCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: broker").contains("run");
    }

    @Test
    void theOriginalsAdminCommandNamesWork() {
        assertThat(run("admin", "cert", "list", "--help")).isZero();
        assertThat(run("admin", "keys", "rotate", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: broker admin certs list").contains("Usage: broker admin keys rotate");
    }

    @Test
    void versionNamesTheProductVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("broker " + BrokerVersion.get());
        assertThat(BrokerVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void unknownCommandsRolesAndOptionsFailWithAMessage() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate");
        assertThat(run("run", "everything")).isEqualTo(2);
        assertThat(err.toString()).contains("everything").contains("all, proxy, server, worker, portal");
        assertThat(run("run", "all", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("--bogus");
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void aRoleWithoutItsFilesExplainsWhatIsMissing(@TempDir Path empty) {
        assertThat(run("run", "proxy", "--data-dir", empty.toString())).isEqualTo(1);
        // The command prints the launcher's message to the process's stderr.
        assertThatThrownBy(() -> RoleLauncher.start(List.of(Role.PROXY), empty, Map.of()))
                .isInstanceOf(RoleLauncher.LaunchException.class)
                .hasMessageContaining("ca.crt").hasMessageContaining("broker run server");
    }

    @Test
    void caInitCreatesAnInstallationWithTheChosenKeyTypeAndNeverReplacesIt(@TempDir Path dir) throws Exception {
        assertThat(run("ca", "init", "--data-dir", dir.toString(), "--key-type", "ecp384")).isZero();
        java.security.cert.X509Certificate ca = org.messagebroker.core.tls.PemFiles.readCertificate(dir.resolve("ca.crt"));
        assertThat(ca.getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(java.nio.file.Files.exists(dir.resolve("demo-client.key"))).isTrue();
        byte[] key = java.nio.file.Files.readAllBytes(dir.resolve("ca/ca.key"));
        assertThat(run("ca", "init", "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("ca/ca.key"))).isEqualTo(key);
        assertThat(run("ca", "init", "--key-type", "dsa")).isEqualTo(2);
    }

    @Test
    void aPortInUseFailsFastNamingThePort(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> RoleLauncher.start(List.of(Role.SERVER), dir,
                    Map.of("MAIN_SERVER_PORT", port, "MAIN_SERVER_INTERNAL_PORT", RunningBroker.freePort())))
                    .isInstanceOf(RoleLauncher.LaunchException.class)
                    .hasMessage("cannot start the server: port " + port + " is already in use");
        }
    }

}
