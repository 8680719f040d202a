package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.PrivateMariaDb;
import org.messagebroker.systemtests.harness.RunningBroker;
import tools.jackson.databind.JsonNode;

/**
 * The portal's lists and counts on a MariaDB read replica ({@code DB_READ_URL}): they show what the replica
 * has applied, one message is read on the primary, and a replica that goes away leaves the portal on the
 * primary instead of failing it.
 */
class ReadReplicaTest {

    @TempDir
    static Path dir;

    @Test
    void portalListsReadTheReplicaAndTurnToThePrimaryWhenItIsGone() throws Exception {
        try (PrivateMariaDb primary = PrivateMariaDb.primary(dir.resolve("primary"), RunningBroker.freePort());
                PrivateMariaDb replica = primary.replica(dir.resolve("replica"), RunningBroker.freePort());
                RunningBroker broker = new RunningBroker(dir.resolve("broker"), List.of(Role.SERVER, Role.WORKER,
                        Role.PROXY), Map.of("DB_URL", primary.url("broker"), "DB_USERNAME", "root",
                        "DB_READ_URL", replica.url("broker"), "DB_READ_RETRY_AFTER", "1h"))) {
            String admin = broker.adminToken();
            assertThat(health(broker).path("components").path("read_replica").asString()).isEqualTo("healthy");
            String first = broker.submit("first");
            broker.awaitDelivered(admin, first);

            replica.pauseReplication();
            String second = broker.submit("second");
            awaitStoredOnPrimary(broker, admin, second);
            assertThat(listed(broker, admin)).containsExactly(first);
            assertThat(broker.getJson(admin, "/admin/stats").path("total_messages").asLong()).isEqualTo(1);
            assertThat(fallbacks(broker)).isZero();

            replica.resumeReplication();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> listed(broker, admin).size() == 2);

            replica.close();
            String third = broker.submit("third");
            awaitStoredOnPrimary(broker, admin, third);
            assertThat(listed(broker, admin)).containsExactly(third, second, first);
            assertThat(fallbacks(broker)).isPositive();
            JsonNode health = health(broker);
            assertThat(health.path("status").asString()).isEqualTo("healthy");
            assertThat(health.path("components").path("read_replica").asString()).isEqualTo("degraded");
            assertThat(broker.getJson(admin, "/admin/stats").path("total_messages").asLong()).isEqualTo(3);
        }
    }

    /** One message is read on the primary, whatever the replica has applied. */
    private static void awaitStoredOnPrimary(RunningBroker broker, String token, String messageId) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "delivered".equals(
                broker.getJson(token, "/portal/messages/" + messageId).path("status").asString()));
    }

    /** The ids the portal's list shows, newest first. */
    private static List<String> listed(RunningBroker broker, String token) {
        List<String> ids = new ArrayList<>();
        for (JsonNode message : broker.getJson(token, "/portal/messages?per_page=100").path("messages")) {
            ids.add(message.path("message_id").asString());
        }
        return ids;
    }

    private static JsonNode health(RunningBroker broker) {
        HttpResponse<String> health = RunningBroker.send(broker.client(null),
                HttpRequest.newBuilder(broker.server("/health")).GET());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        return RunningBroker.json(health);
    }

    private static double fallbacks(RunningBroker broker) {
        return RunningBroker.metricSum(broker.metrics(Role.SERVER), "main_server_db_replica_fallbacks_total");
    }
}
