package org.messagebroker.queue.jdbc;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteException;

/**
 * Spring's exception translation for SQLite, which Spring does not know: the driver reports every
 * constraint violation as error code 19, and only its extended result code tells a duplicate key from a
 * failed check. Named in {@code sql-error-codes.xml}; anything it does not map goes to Spring's defaults.
 */
public class SqliteExceptionTranslator implements SQLExceptionTranslator {

    @Override
    public @Nullable DataAccessException translate(String task, @Nullable String sql, SQLException ex) {
        if (!(ex instanceof SQLiteException sqlite)) {
            return null;
        }
        String message = task + "; " + ex.getMessage();
        return switch (sqlite.getResultCode()) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> new DuplicateKeyException(message, ex);
            case SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_FOREIGNKEY, SQLITE_CONSTRAINT_NOTNULL ->
                    new DataIntegrityViolationException(message, ex);
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED, SQLITE_LOCKED_SHAREDCACHE ->
                    new CannotAcquireLockException(message, ex);
            default -> null;
        };
    }
}
