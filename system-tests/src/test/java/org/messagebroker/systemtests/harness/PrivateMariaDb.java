package org.messagebroker.systemtests.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A MariaDB server of the test's own (its own data directory and port), so that a fault test can stop
 * and restart the database without touching the machine's shared one.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private Process server;

    public PrivateMariaDb(Path dataDir, int port) throws IOException, InterruptedException {
        this.dataDir = dataDir;
        this.port = port;
        Files.createDirectories(dataDir);
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + dataDir.resolve("db"),
                "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("install.log").toFile()).start();
        if (install.waitFor() != 0) {
            throw new IllegalStateException("mariadb-install-db failed; see " + dataDir.resolve("install.log"));
        }
        start();
        try (var connection = DriverManager.getConnection(url(""), "root", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE broker CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public void start() throws IOException {
        server = new ProcessBuilder(List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + dataDir.resolve("db"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dataDir.resolve("mysqld.sock"),
                "--user=root", "--skip-log-bin"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()))
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    try (var connection = DriverManager.getConnection(url(""), "root", "")) {
                        return connection.isValid(1);
                    }
                });
    }

    /** SIGTERM, as an operator stopping the service would; waits until it is gone. */
    public void stop() throws InterruptedException {
        server.destroy();
        server.waitFor();
    }

    @Override
    public void close() {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
