package org.messagebroker.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.DatabaseConfiguration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code messages} partitioned by month on MariaDB and PostgreSQL, on a schema of its own per test. */
@ParameterizedClass
@EnumSource(value = TestDatabase.class, names = {"MARIADB", "POSTGRESQL"})
class MonthlyPartitionsTest {

    private static final String SCHEMA = "broker_partition_test";

    @Parameter
    TestDatabase database;
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-15T00:00:00Z"));
    HikariDataSource pool;
    JdbcClient jdbc;
    MessageWriter writer;

    @BeforeEach
    void setUp() {
        database.drop(SCHEMA);
        pool = database.dataSource(SCHEMA);
        DatabaseConfiguration.migrations(Flyway.configure().dataSource(pool), vendor()).load().migrate();
        jdbc = JdbcClient.create(pool);
        jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                + " VALUES ('client-a', 'SHA256:a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").update();
        writer = new MessageWriter(jdbc, vendor());
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    @Test
    void theFirstStartPartitionsTheTableKeepingEveryMessageStoredOnce() {
        List<StoredMessage> before = List.of(message("jan", "2026-01-10T08:00:00Z", "delivered"),
                message("mar", "2026-03-05T08:00:00Z", "failed"), message("jun", "2026-06-01T08:00:00Z", "delivered"));
        writer.insertAllIfAbsent(before);
        List<String> rows = rows();
        List<String> indexes = indexes();

        MonthlyPartitions partitions = partitions();
        partitions.afterPropertiesSet();

        assertThat(months()).as("from the oldest message's month to three months ahead")
                .containsExactlyElementsOf(range("2026-01", "2026-09"));
        assertThat(rows()).containsExactlyElementsOf(rows);
        assertThat(indexes()).as("the migrations' indexes, by name").containsExactlyElementsOf(indexes);
        assertThat(writer.insertAllIfAbsent(before)).as("a message delivered again is stored once").isEmpty();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO messages (message_id, client_id, sender_number_hashed,"
                        + " sender_number_encrypted, encrypted_body, encryption_key_version, status, queued_at)"
                        + " SELECT message_id, client_id, 'h', 'n', 'b', 1, status, queued_at FROM messages"
                        + " WHERE message_id = 'mar'").update())
                .as("the unique key itself, which stops two deliveries racing")
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(writer.insertAllIfAbsent(List.of(message("new", "2026-06-14T08:00:00Z", "delivered"))))
                .containsExactly("new");
        assertThat(jdbc.sql("SELECT id FROM messages WHERE message_id = 'new'").query(Long.class).single())
                .as("ids go on from the largest").isGreaterThan(maxId(rows));

        partitions.afterPropertiesSet();
        assertThat(months()).as("a second start changes nothing")
                .containsExactlyElementsOf(range("2026-01", "2026-09"));
        assertThat(rows()).hasSize(4);
    }

    @Test
    void retentionDropsWholeMonthsPastTheAgeAndDeletesTheRestRowByRow() {
        writer.insertAllIfAbsent(List.of(message("jan-1", "2026-01-02T00:00:00Z", "delivered"),
                message("jan-2", "2026-01-31T23:59:59Z", "failed"),
                message("jan-3", "2026-01-15T00:00:00Z", "delivered"),
                message("feb-1", "2026-02-10T00:00:00Z", "delivered"),
                message("feb-2", "2026-02-11T00:00:00Z", "delivered"),
                message("feb-queued", "2026-02-12T00:00:00Z", "queued"),
                message("mar-old", "2026-03-01T00:00:00Z", "delivered"),
                message("apr", "2026-04-01T00:00:00Z", "delivered")));
        partitions().afterPropertiesSet();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RetentionJob job = new RetentionJob(jdbc, partitions(), event -> { }, clock, meters, settings(true));

        assertThat(job.purge()).as("January's partition (3), February's finished rows (2)").isEqualTo(5);

        assertThat(months()).as("February holds a message still queued").doesNotContain(YearMonth.of(2026, 1))
                .contains(YearMonth.of(2026, 2), YearMonth.of(2026, 3));
        assertThat(messageIds()).as("March, not wholly past the age, stays whole")
                .containsExactly("apr", "feb-queued", "mar-old");
        assertThat(meters.counter("main_server_messages_purged_total").count()).isEqualTo(5);

        clock.advance(Duration.ofDays(16));
        assertThat(job.purge()).as("March's partition, once its last day is past the age").isEqualTo(1);
        assertThat(months()).doesNotContain(YearMonth.of(2026, 3));
        assertThat(messageIds()).containsExactly("apr", "feb-queued");

        StoredMessage late = new StoredMessage(0, "jan-late", "client-a", "default", "h", "n", "b", 1, "delivered",
                9, clock.instant(), Instant.parse("2026-01-20T00:00:00Z"), clock.instant(), null, clock.instant());
        assertThat(writer.insertAllIfAbsent(List.of(late)))
                .as("a message of a dropped month, delivered late, is stored").containsExactly("jan-late");
        assertThat(writer.insertAllIfAbsent(List.of(late))).isEmpty();
        assertThat(job.purge()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messages WHERE message_id = 'jan-late'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void monthsAreAddedAheadAsTimePasses() {
        MonthlyPartitions partitions = partitions();
        partitions.afterPropertiesSet();
        assertThat(months()).as("an empty table starts at this month")
                .containsExactlyElementsOf(range("2026-06", "2026-09"));

        clock.advance(Duration.ofDays(60));
        partitions.addMonthsAhead();

        assertThat(months()).containsExactlyElementsOf(range("2026-06", "2026-11"));
        assertThat(writer.insertAllIfAbsent(List.of(message("nov", "2026-11-30T23:00:00Z", "delivered"))))
                .containsExactly("nov");
    }

    @Test
    void withoutTheSettingTheTableStaysAsItIs() {
        new MonthlyPartitions(new JdbcTemplate(pool), vendor(), clock, settings(false)).afterPropertiesSet();
        assertThat(months()).isEmpty();
        assertThatThrownBy(() -> new MonthlyPartitions(new JdbcTemplate(pool), DatabaseVendor.SQLITE, clock,
                settings(true)))
                .hasMessageContaining("BROKER_RETENTION_PARTITION_BY_MONTH needs MariaDB/MySQL or PostgreSQL");
    }

    private MonthlyPartitions partitions() {
        return new MonthlyPartitions(new JdbcTemplate(pool), vendor(), clock, settings(true));
    }

    private static ServerSettings.Retention settings(boolean partitionByMonth) {
        return new ServerSettings.Retention(Duration.ofDays(90), 2, partitionByMonth);
    }

    /** A message accepted at {@code queuedAt} and finished the same instant. */
    private static StoredMessage message(String id, String queuedAt, String status) {
        Instant at = Instant.parse(queuedAt);
        return new StoredMessage(0, id, "client-a", "default", "h", "n", "b", 1, status, 1, at, at, null, null, null);
    }

    private List<String> messageIds() {
        return jdbc.sql("SELECT message_id FROM messages ORDER BY message_id").query(String.class).list();
    }

    private List<String> rows() {
        return jdbc.sql("SELECT id, message_id, queued_at, status FROM messages ORDER BY id")
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4))
                .list();
    }

    private static long maxId(List<String> rows) {
        return rows.stream().mapToLong(row -> Long.parseLong(row.split(" ")[0])).max().orElseThrow();
    }

    private List<YearMonth> months() {
        return jdbc.sql(vendor() == DatabaseVendor.MYSQL
                        ? "SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'messages' AND PARTITION_NAME LIKE 'p2%'"
                        : "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'messages'::regclass AND c.relname LIKE 'messages_2%'")
                .query(String.class).list().stream()
                .map(name -> YearMonth.parse(name.substring(name.indexOf('2')), PartitionSql.NAME)).sorted().toList();
    }

    private List<String> indexes() {
        return jdbc.sql(vendor() == DatabaseVendor.MYSQL
                        ? "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'messages' ORDER BY 1"
                        : "SELECT indexname FROM pg_indexes WHERE tablename = 'messages' ORDER BY 1")
                .query(String.class).list();
    }

    private static List<YearMonth> range(String first, String last) {
        return YearMonth.parse(first).atDay(1).datesUntil(YearMonth.parse(last).plusMonths(1).atDay(1))
                .map(YearMonth::from).distinct().toList();
    }

    private DatabaseVendor vendor() {
        return DatabaseVendor.of(database.url("x"));
    }
}
