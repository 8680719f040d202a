package org.messagebroker.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.messagebroker.core.testing.MutableClock;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.settings.ServerSettings;

/**
 * The read replica's settings are checked at start; a replica that fails leaves the reads on the primary for
 * {@code retryAfter}, then is tried again. (ReadReplicaTest in system-tests reads a real replica.)
 */
class PortalReadsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void aReplicaOfAnotherKindOfDatabaseOrOfSqliteIsRefused() {
        for (String url : new String[] {TestDatabase.POSTGRESQL.url("broker"), TestDatabase.SQLITE.url("broker")}) {
            assertThatThrownBy(() -> reads(url)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DB_READ_URL");
        }
    }

    @Test
    void aFailingReplicaLeavesTheReadsOnThePrimaryUntilItIsTriedAgain() throws IOException {
        // A "replica" that hangs up on every connection, counting them.
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocket replica = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!replica.isClosed()) {
                    try (Socket connection = replica.accept()) {
                        attempts.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            PortalReads reads = reads("jdbc:mariadb://127.0.0.1:" + replica.getLocalPort() + "/broker");

            String database = reads.read(db -> db.sql("SELECT DATABASE()").query(String.class).single());
            assertThat(database).isEqualTo("broker_server_test");
            assertThat(attempts.get()).isPositive();
            assertThat(fallbacks()).isEqualTo(1);
            int triedSoFar = settled(attempts);

            clock.advance(Duration.ofSeconds(29));
            reads.read(db -> db.sql("SELECT 1").query(Integer.class).single());
            assertThat(attempts.get()).as("the replica is left alone within retryAfter").isEqualTo(triedSoFar);
            assertThat(fallbacks()).isEqualTo(2);

            clock.advance(Duration.ofSeconds(2));
            reads.read(db -> db.sql("SELECT 1").query(Integer.class).single());
            assertThat(attempts.get()).as("tried again after retryAfter").isGreaterThan(triedSoFar);
            assertThat(fallbacks()).isEqualTo(3);
            reads.destroy();
        }
    }

    /** The count once the pool has stopped trying (it may have one attempt under way when a read gives up). */
    private static int settled(AtomicInteger attempts) {
        int[] last = {-1};
        Awaitility.await().pollInterval(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> {
            int now = attempts.get();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        return last[0];
    }

    private PortalReads reads(String replicaUrl) {
        return new PortalReads(ServerDatabases.dataSource(TestDatabase.MARIADB), new ServerSettings.ReadReplica(
                replicaUrl, "root", "", 2, Duration.ofMillis(250), Duration.ofSeconds(30)), meters, clock);
    }

    private double fallbacks() {
        return meters.counter("main_server_db_replica_fallbacks").count();
    }
}
