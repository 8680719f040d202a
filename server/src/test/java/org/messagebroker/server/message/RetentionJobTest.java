package org.messagebroker.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.DbTime;
import org.messagebroker.server.storage.ServerDatabases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retention on SQLite, MariaDB and PostgreSQL: only finished messages past the age go, in batches. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RetentionJobTest {

    @Parameter
    TestDatabase database;
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<Object> published = new ArrayList<>();
    JdbcClient jdbc;
    RetentionJob job;

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(database);
        jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                + " VALUES ('client-a', 'SHA256:a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").update();
        ServerSettings.Retention settings = new ServerSettings.Retention(Duration.ofDays(90), 2, false);
        MonthlyPartitions unpartitioned = new MonthlyPartitions(new JdbcTemplate(ServerDatabases.dataSource(database)),
                ServerDatabases.vendor(database), clock, settings);
        job = new RetentionJob(jdbc, unpartitioned, published::add, clock, meters, settings);
    }

    private void insert(String id, String status, Instant createdAt) {
        jdbc.sql("INSERT INTO messages (message_id, client_id, sender_number_hashed, sender_number_encrypted,"
                        + " encrypted_body, encryption_key_version, status, created_at, queued_at)"
                        + " VALUES (?, 'client-a', 'h', 'n', 'b', 1, ?, ?, ?)")
                .params(id, status, DbTime.utc(createdAt), DbTime.utc(createdAt)).update();
    }

    @Test
    void purgesOnlyFinishedMessagesOlderThanTheRetentionAge() {
        Instant old = clock.instant().minus(91, ChronoUnit.DAYS);
        Instant recent = clock.instant().minus(89, ChronoUnit.DAYS);
        for (int i = 0; i < 5; i++) {
            insert("old-delivered-" + i, "delivered", old);
        }
        insert("old-failed", "failed", old);
        insert("old-queued", "queued", old);
        insert("recent-delivered", "delivered", recent);

        assertThat(job.purge()).isEqualTo(6);
        assertThat(jdbc.sql("SELECT message_id FROM messages ORDER BY message_id").query(String.class).list())
                .containsExactly("old-queued", "recent-delivered");
        assertThat(meters.counter("main_server_messages_purged_total").count()).isEqualTo(6);
        assertThat(published).singleElement().isInstanceOfSatisfying(MessageEvents.Purged.class, purged -> {
            assertThat(purged.count()).isEqualTo(6);
            assertThat(purged.cutoff()).isEqualTo(clock.instant().minus(90, ChronoUnit.DAYS));
        });
        assertThat(job.purge()).isZero();
        assertThat(published).as("nothing published when nothing was purged").hasSize(1);
    }
}
