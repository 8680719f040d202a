package org.messagebroker.core;

import java.nio.file.Path;

/** The databases the product runs on, told apart by JDBC URL; MariaDB and MySQL share one dialect. */
public enum DatabaseVendor {
    SQLITE("sqlite"), MYSQL("mysql"), POSTGRESQL("postgresql");

    /**
     * The embedded default's connection settings. WAL with {@code synchronous=FULL}: a commit returns only
     * after its log record was written and fsync'ed, so it survives a killed process and a power loss.
     * Writers take the lock when their transaction begins (IMMEDIATE), so a reader that later writes
     * cannot deadlock another; they wait up to the busy timeout for it, across processes too.
     */
    private static final String EMBEDDED_SETTINGS = "?journal_mode=WAL&synchronous=FULL&foreign_keys=true"
            + "&busy_timeout=30000&transaction_mode=IMMEDIATE";

    private final String folder;

    DatabaseVendor(String folder) {
        this.folder = folder;
    }

    /** The folder name of this vendor's migrations. */
    public String folder() {
        return folder;
    }

    /**
     * Connections a pool may open. SQLite has one writer at a time, and a connection waiting for the write
     * lock waits in native code, which pins its virtual thread to a carrier: two such waiters on a 2-core
     * machine left no carrier for the holder to commit with, and every writer timed out (measured). One
     * connection per process makes the wait happen in the pool, where a virtual thread parks.
     */
    public int poolSize(int configured) {
        return this == SQLITE ? 1 : configured;
    }

    /**
     * An INSERT of {@code intoValues} ({@code INTO t (…) VALUES …}) that skips a row whose unique key exists
     * instead of failing: a failed statement would abort a PostgreSQL transaction. MariaDB's IGNORE also turns
     * other errors into warnings, so callers insert only rows they validated. {@code returning} follows the
     * conflict clause (e.g. {@code " RETURNING id"}; RETURNING needs SQLite 3.35, MariaDB 10.5).
     */
    public String insertIfAbsent(String intoValues, String returning) {
        return this == MYSQL ? "INSERT IGNORE " + intoValues + returning
                : "INSERT " + intoValues + " ON CONFLICT DO NOTHING" + returning;
    }

    /** The JDBC URL of an embedded database in {@code file} (its directory must exist). */
    public static String embeddedUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath() + EMBEDDED_SETTINGS;
    }

    public static DatabaseVendor of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database (SQLite, MariaDB/MySQL and PostgreSQL are): "
                + jdbcUrl.split("[;?]")[0]);
    }
}
