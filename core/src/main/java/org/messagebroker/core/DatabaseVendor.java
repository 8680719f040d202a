package org.messagebroker.core;

/** The databases the product runs on, told apart by JDBC URL; MariaDB and MySQL share one dialect. */
public enum DatabaseVendor {
    H2("h2"), MYSQL("mysql"), POSTGRESQL("postgresql");

    private final String folder;

    DatabaseVendor(String folder) {
        this.folder = folder;
    }

    /** The folder name of this vendor's migrations. */
    public String folder() {
        return folder;
    }

    public static DatabaseVendor of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database (H2, MariaDB/MySQL and PostgreSQL are): "
                + jdbcUrl.split("[;?]")[0]);
    }
}
