package org.messagebroker.systemtests.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A MariaDB server of the test's own (its own data directory and port), so that a fault test can stop
 * and restart the database without touching the machine's shared one; or a primary and its replica.
 */
public final class PrivateMariaDb implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final List<String> options;
    private Process server;

    public PrivateMariaDb(Path dataDir, int port) throws IOException, InterruptedException {
        this(dataDir, port, List.of("--skip-log-bin"), true);
    }

    /** A server that writes a binary log, so that {@link #replica} can follow it. */
    public static PrivateMariaDb primary(Path dataDir, int port) throws IOException, InterruptedException {
        return new PrivateMariaDb(dataDir, port, List.of("--log-bin", "--server-id=1"), true);
    }

    /** A read-only server replicating this one from its first write, the {@code broker} database included. */
    public PrivateMariaDb replica(Path replicaDir, int replicaPort) throws IOException, InterruptedException {
        PrivateMariaDb replica = new PrivateMariaDb(replicaDir, replicaPort, List.of("--skip-log-bin",
                "--server-id=2", "--read-only"), false);
        replica.execute("CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + port
                + ", MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_USE_GTID = slave_pos", "START SLAVE");
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (var connection = DriverManager.getConnection(replica.url("broker"), "root", "")) {
                return connection.isValid(1);
            }
        });
        return replica;
    }

    /** On a replica: stops applying what the primary writes (it still receives it) until {@link #resumeReplication}. */
    public void pauseReplication() {
        execute("STOP SLAVE SQL_THREAD");
    }

    public void resumeReplication() {
        execute("START SLAVE SQL_THREAD");
    }

    private PrivateMariaDb(Path dataDir, int port, List<String> options, boolean createDatabase)
            throws IOException, InterruptedException {
        this.dataDir = dataDir;
        this.port = port;
        this.options = options;
        Files.createDirectories(dataDir);
        Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + dataDir.resolve("db"),
                "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("install.log").toFile()).start();
        if (install.waitFor() != 0) {
            throw new IllegalStateException("mariadb-install-db failed; see " + dataDir.resolve("install.log"));
        }
        start();
        if (createDatabase) {
            execute("CREATE DATABASE broker CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    private void execute(String... statements) {
        try (var connection = DriverManager.getConnection(url(""), "root", "");
                var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public void start() throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults",
                "--datadir=" + dataDir.resolve("db"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dataDir.resolve("mysqld.sock"), "--user=root"));
        command.addAll(options);
        server = new ProcessBuilder(command)
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
