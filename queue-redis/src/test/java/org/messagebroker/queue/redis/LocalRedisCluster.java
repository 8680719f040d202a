package org.messagebroker.queue.redis;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
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

    /** The ports of the primary that serves {@code key} and of its replica, from CLUSTER NODES. */
    public Primary primaryOf(String key) {
        int slot = SlotHash.getSlot(key);
        String nodes = run(ports.stream().filter(port -> node(port).isAlive()).findFirst().orElseThrow(),
                connection -> connection.sync().clusterNodes());
        String primary = nodes.lines().filter(line -> line.contains("master") && servesSlot(line, slot)).findFirst()
                .orElseThrow();
        String primaryId = primary.split(" ")[0];
        String replica = nodes.lines().filter(line -> line.split(" ")[3].equals(primaryId)).findFirst().orElseThrow();
        return new Primary(port(primary), port(replica));
    }

    /**
     * The replica falls behind: stopped (SIGSTOP), then cut off by its primary so that it cannot connect
     * again; a stopped replica alone would still receive the stream into its socket.
     */
    public void cutOffReplica(Primary primary) {
        signal(node(primary.replica()), "STOP");
        run(primary.port(), connection -> connection.sync().clientKill(KillArgs.Builder.typeSlave()));
    }

    /** kill -9 of the primary, the replica running again and taking over its slots at once. */
    public void failOver(Primary primary) {
        try {
            node(primary.port()).destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        signal(node(primary.replica()), "CONT");
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "OK".equals(
                run(primary.replica(), connection -> connection.sync().clusterFailover(false, true))));
    }

    /** A primary's port and its replica's. */
    public record Primary(int port, int replica) {
    }

    private static void signal(Process process, String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean servesSlot(String nodesLine, int slot) {
        String[] fields = nodesLine.split(" ");
        for (int i = 8; i < fields.length; i++) {
            String[] range = fields[i].split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    private static int port(String nodesLine) {
        String address = nodesLine.split(" ")[1];
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
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

    private static <T> T run(int port, Function<StatefulRedisConnection<String, String>, T> action) {
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
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
