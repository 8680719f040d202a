package org.messagebroker.server.storage;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads nullable number columns the same way on every database (SQLite's driver refuses a typed null). */
public final class Columns {

    private Columns() {
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
