package org.messagebroker.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.storage.ServerDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit chain on SQLite, MariaDB and PostgreSQL: intact when untouched, broken by any edit or deletion. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AuditLogTest {

    @Parameter
    TestDatabase database;
    JdbcClient jdbc;
    AuditLog audit;

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(database);
        audit = new AuditLog(jdbc, Clock.systemUTC());
        audit.record(new AuditEvent("user_login", 7L, null, "127.0.0.1", AuditLog.data("email", "a@example.com"),
                "info"));
        audit.record(new AuditEvent("certificate_revoked", null, "client-a", null,
                AuditLog.data("reason", "key compromise", "serial", "1f"), "warning"));
        audit.record(AuditEvent.system("messages_purged", AuditLog.data("count", 12)));
    }

    private List<Long> ids() {
        return jdbc.sql("SELECT id FROM audit_log ORDER BY id").query(Long.class).list();
    }

    @Test
    void anUntouchedChainVerifies() {
        assertThat(audit.verify()).isEqualTo(new AuditLog.ChainVerification(true, 3, null));
    }

    @Test
    void anEditedRowBreaksTheChainThere() {
        long second = ids().get(1);
        jdbc.sql("UPDATE audit_log SET event_data = ? WHERE id = ?")
                .params("{\"reason\":\"routine\",\"serial\":\"1f\"}", second).update();
        assertThat(audit.verify()).isEqualTo(new AuditLog.ChainVerification(false, 1, second));
    }

    @Test
    void aDeletedRowBreaksTheChainAtItsSuccessor() {
        List<Long> ids = ids();
        jdbc.sql("DELETE FROM audit_log WHERE id = ?").param(ids.get(1)).update();
        assertThat(audit.verify()).isEqualTo(new AuditLog.ChainVerification(false, 1, ids.get(2)));
    }

    @Test
    void newRowsContinueTheChain() {
        audit.record(AuditEvent.system("keys_rotated", AuditLog.data("version", 2)));
        assertThat(audit.verify().valid()).isTrue();
        assertThat(audit.verify().rowsChecked()).isEqualTo(4);
    }
}
