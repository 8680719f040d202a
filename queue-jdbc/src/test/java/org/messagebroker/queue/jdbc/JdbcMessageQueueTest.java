package org.messagebroker.queue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.MessageQueueContract;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The queue contract on each database the JDBC queue supports. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class JdbcMessageQueueTest implements MessageQueueContract {

    private static final Map<TestDatabase, HikariDataSource> POOLS = new EnumMap<>(TestDatabase.class);

    @AfterAll
    static void closePools() {
        POOLS.values().forEach(HikariDataSource::close);
        POOLS.clear();
    }

    @Parameter
    TestDatabase database;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MessageQueue queue;

    @BeforeEach
    void emptyQueue() {
        HikariDataSource dataSource = POOLS.computeIfAbsent(database, db -> {
            HikariDataSource pool = db.dataSource("broker_queue_test");
            JdbcQueueConfiguration.migrate(pool, pool.getJdbcUrl());
            return pool;
        });
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("DELETE FROM queue_entries").update();
        jdbc.sql("DELETE FROM queue_dead_letters").update();
        jdbc.sql("DELETE FROM queue_idempotency").update();
        jdbc.sql("DELETE FROM queue_rate_buckets").update();
        queue = new JdbcMessageQueue(jdbc, new DataSourceTransactionManager(dataSource),
                DatabaseVendor.of(dataSource.getJdbcUrl()), clock);
    }

    @Test
    void onlySqliteMakesItsConsumersTakeTurnsWithTheIntake() {
        assertThat(queue.sharesWriterWithConsumers()).isEqualTo(database == TestDatabase.SQLITE);
    }

    @Override
    public MessageQueue queue() {
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
