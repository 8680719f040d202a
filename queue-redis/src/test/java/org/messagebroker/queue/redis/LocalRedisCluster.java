package org.messagebroker.queue.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A Redis Cluster of real {@code redis-server} processes on loopback, for tests: three primaries with a
 * replica each, AOF fsynced on every write as the broker asks of Redis, joined by {@code redis-cli --cluster
 * create} and handed out once every slot is served and every replica is in sync.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();

    public LocalRedisCluster() {
        try {
            dir = Files.createTempDirectory("redis-cluster-");
            for (int i = 0; i < 6; i++) {
                int port = freePortWithBus();
                Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
                nodes.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--dir", nodeDir.toString(), "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000", "--appendonly", "yes", "--appendfsync", "always", "--save", "")
                        .redirectErrorStream(true).redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
                ports.add(port);
            }
            for (int port : ports) {
                Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> "PONG".equals(
                        run(port, connection -> connection.sync().ping())));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            ports.forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            Process creating = new ProcessBuilder(create).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("create.log").toFile()).start();
            if (creating.waitFor() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(dir.resolve("create.log")));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(this::ready);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code host:port,…} of every node, as REDIS_CLUSTER_NODES takes them. */
    public String nodes() {
        return String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    /** The process serving {@code port}, for a test to kill or pause. */
    public Process node(int port) {
        return nodes.get(ports.indexOf(port));
    }

    private boolean ready() {
        for (int port : ports) {
            String info = run(port, connection -> connection.sync().clusterInfo());
            String replication = run(port, connection -> connection.sync().info("replication"));
            if (!info.contains("cluster_state:ok") || (replication.contains("role:master")
                    && !replication.contains("connected_slaves:1")) || (replication.contains("role:slave")
                    && !replication.contains("master_link_status:up"))) {
                return false;
            }
        }
        return true;
    }

    private static <T> T run(int port, java.util.function.Function<StatefulRedisConnection<String, String>, T> action) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return action.apply(connection);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** A port that is free, and free 10000 above it too (the cluster bus). */
    private static int freePortWithBus() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 10_000)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port pair for a Redis Cluster node");
    }

    @Override
    public void close() {
        nodes.forEach(Process::destroyForcibly);
        nodes.forEach(node -> {
            try {
                node.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
