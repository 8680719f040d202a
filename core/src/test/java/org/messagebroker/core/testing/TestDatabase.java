package org.messagebroker.core.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.messagebroker.core.DatabaseVendor;

/**
 * The three databases every repository test runs on: embedded SQLite (a file per name in the temporary
 * directory, with the settings the product uses), and the MariaDB and PostgreSQL
 * servers on loopback (root / postgres, no password, as on the CI machine; override with
 * {@code TEST_MARIADB_URL} / {@code TEST_POSTGRES_URL} plus user and password variables).
 */
public enum TestDatabase {
    SQLITE, MARIADB, POSTGRESQL;

    /** A pool on a database named {@code name}, created when missing. Its tables are the caller's business. */
    public HikariDataSource dataSource(String name) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url(name));
        dataSource.setUsername(user());
        dataSource.setPassword(password());
        dataSource.setMaximumPoolSize(12);
        if (this != SQLITE) {
            createDatabase(name);
        }
        return dataSource;
    }

    /** Drops the database (MariaDB, PostgreSQL) so the next {@link #dataSource} starts empty. */
    public void drop(String name) {
        if (this == SQLITE) {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                sqliteFile(name + suffix).toFile().delete();
            }
            return;
        }
        try (Connection connection = DriverManager.getConnection(this == MARIADB ? url("") : url("postgres"), user(),
                password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + name + " on " + this, e);
        }
    }

    public String url(String name) {
        return switch (this) {
            case SQLITE -> DatabaseVendor.embeddedUrl(sqliteFile(name));
            case MARIADB -> env("TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/") + name;
            case POSTGRESQL -> env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/") + name;
        };
    }

    public String user() {
        return switch (this) {
            case SQLITE -> "";
            case MARIADB -> env("TEST_MARIADB_USER", "root");
            case POSTGRESQL -> env("TEST_POSTGRES_USER", "postgres");
        };
    }

    public String password() {
        return switch (this) {
            case SQLITE -> "";
            case MARIADB -> env("TEST_MARIADB_PASSWORD", "");
            case POSTGRESQL -> env("TEST_POSTGRES_PASSWORD", "");
        };
    }

    private void createDatabase(String name) {
        String admin = this == MARIADB ? url("") : url("postgres");
        try (Connection connection = DriverManager.getConnection(admin, user(), password());
                Statement statement = connection.createStatement()) {
            if (this == MARIADB) {
                statement.execute("CREATE DATABASE IF NOT EXISTS " + name
                        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            } else if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(this + " is not reachable at " + admin + " (" + e.getMessage()
                    + "). The tests need it running on loopback; see README, 'Running the tests'.", e);
        }
    }

    private static Path sqliteFile(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), "broker-test-" + ProcessHandle.current().pid() + "-" + name + ".db");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
