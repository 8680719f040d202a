package org.messagebroker.queue.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.core.DatabaseVendor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Spring, configured by sql-error-codes.xml, tells SQLite's duplicate keys from its other violations. */
class SqliteExceptionTranslatorTest {

    private JdbcClient jdbc;

    @BeforeEach
    void table(@TempDir Path dir) {
        jdbc = JdbcClient.create(new DriverManagerDataSource(DatabaseVendor.embeddedUrl(dir.resolve("t.db"))));
        jdbc.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT NOT NULL, role TEXT CHECK (role IN ('user')),"
                + " CONSTRAINT uq_email UNIQUE (email))").update();
        jdbc.sql("INSERT INTO t (email, role) VALUES ('a@example.com', 'user')").update();
    }

    @Test
    void aUniqueKeyViolationIsADuplicateKey() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO t (email) VALUES ('a@example.com')").update())
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO t (id, email) VALUES (1, 'b@example.com')").update())
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void otherViolationsAreIntegrityViolationsButNotDuplicates() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO t (email, role) VALUES ('c@example.com', 'root')").update())
                .isInstanceOf(DataIntegrityViolationException.class).isNotInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO t (role) VALUES ('user')").update())
                .isInstanceOf(DataIntegrityViolationException.class).isNotInstanceOf(DuplicateKeyException.class);
    }
}
