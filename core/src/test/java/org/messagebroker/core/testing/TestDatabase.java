package org.messagebroker.core.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The three databases every repository test runs on: embedded H2, and the MariaDB and PostgreSQL
 * servers on loopback (root / postgres, no password, as on the CI machine; override with
 * {@code TEST_MARIADB_URL} / {@code TEST_POSTGRES_URL} plus user and password variables).
 */
public enum TestDatabase {
    H2, MARIADB, POSTGRESQL;

    /** A pool on a database named {@code name}, created when missing. Its tables are the caller's business. */
    public HikariDataSource dataSource(String name) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url(name));
        dataSource.setUsername(user());
        dataSource.setPassword(password());
        dataSource.setMaximumPoolSize(12);
        if (this != H2) {
            createDatabase(name);
        }
        return dataSource;
    }

    /** Drops the database (MariaDB, PostgreSQL) so the next {@link #dataSource} starts empty. */
    public void drop(String name) {
        if (this == H2) {
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
            case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            case MARIADB -> env("TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/") + name;
            case POSTGRESQL -> env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/") + name;
        };
    }

    public String user() {
        return switch (this) {
            case H2 -> "sa";
            case MARIADB -> env("TEST_MARIADB_USER", "root");
            case POSTGRESQL -> env("TEST_POSTGRES_USER", "postgres");
        };
    }

    public String password() {
        return switch (this) {
            case H2 -> "";
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

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
