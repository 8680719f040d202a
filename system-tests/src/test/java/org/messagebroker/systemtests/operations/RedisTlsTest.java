package org.messagebroker.systemtests.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.systemtests.harness.PrivateRedis;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * The queue on a Redis as operators run one in production: TLS only, a password, a database other than
 * 0, a certificate from a private CA (here the installation's own) that the roles are told to trust.
 */
class RedisTlsTest {

    private static final String PASSWORD = "a redis password for this test only";
    private static final int DATABASE = 3;

    @TempDir
    Path dir;
    @TempDir
    Path redisDir;

    @Test
    void messagesTravelThroughARedisThatSpeaksOnlyTlsAndWantsAPassword() throws Exception {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER))) {
            int port = RunningBroker.freePort();
            Path ca = dir.resolve("ca.crt");
            Process redis = PrivateRedis.start(redisDir, List.of("--port", "0", "--tls-port", Integer.toString(port),
                    "--tls-cert-file", dir.resolve("tls/server.crt").toString(),
                    "--tls-key-file", dir.resolve("tls/server.key").toString(),
                    "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", "no", "--requirepass", PASSWORD,
                    "--appendonly", "yes", "--appendfsync", "always"), client(port, ca, 0));
            try {
                Map<String, Object> settings = new HashMap<>(Map.of("QUEUE_TYPE", "redis", "REDIS_HOST", "localhost",
                        "REDIS_PORT", port, "REDIS_TLS", "true", "REDIS_PASSWORD", PASSWORD, "REDIS_DB", DATABASE));
                // Without being told, a role trusts only the JDK's authorities, which do not vouch for our CA.
                assertThatThrownBy(() -> broker.start(Role.PROXY, settings)).hasStackTraceContaining("SSL");

                settings.put("REDIS_TLS_CA_CERTIFICATE", ca.toString());
                broker.start(Role.PROXY, settings);
                broker.start(Role.WORKER, settings);
                String id = Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                        .until(() -> broker.submit("over TLS to Redis"), submitted -> submitted != null);
                assertThat(broker.awaitDelivered(broker.adminToken(), id).path("status").asString()).isEqualTo("delivered");
                assertThat(keysIn(DATABASE, port, ca)).as("the queue's keys are in database " + DATABASE).isNotEmpty();
                assertThat(keysIn(0, port, ca)).isEmpty();
            } finally {
                redis.destroy();
                redis.waitFor();
            }
        }
    }

    private static List<String> keysIn(int database, int port, Path ca) {
        RedisClient client = client(port, ca, database);
        try (var connection = client.connect()) {
            return connection.sync().keys("*");
        } finally {
            client.shutdown();
        }
    }

    private static RedisClient client(int port, Path ca, int database) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("localhost").withPort(port).withSsl(true)
                .withPassword(PASSWORD.toCharArray()).withDatabase(database).build());
        client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().trustManager(ca.toFile()).build())
                .build());
        return client;
    }
}
