package org.messagebroker.systemtests.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.server.message.MessageCrypto;
import org.messagebroker.server.message.MessageWriter;
import org.messagebroker.server.message.StoredMessage;
import org.messagebroker.systemtests.harness.CommandRun;
import org.messagebroker.systemtests.harness.RunningBroker;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The checker of the fault suites must be able to fail: a clean run passes, and every way of breaking
 * the promise — a lost row, a duplicate, a phantom, a corrupted row, a worker that acknowledges
 * before delivering — is counted.
 */
@Tag("fault")
class CheckCommandTest {

    private static final String SENDER = "+4915200000000";

    @TempDir
    Path dir;

    @Test
    void aCleanRunPassesAndEveryKindOfDamageIsCounted() throws IOException {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.WORKER, Role.PROXY))) {
            Path ledger = bench(broker, "clean", 40);
            JsonNode clean = check(broker, ledger, 0);
            assertThat(clean.path("acked").asInt()).isEqualTo(40);
            assertThat(clean.path("stored").asInt()).isEqualTo(40);
            assertThat(clean.path("verdict").asString()).isEqualTo("pass");
            assertThat(Files.readAllLines(ledger)).as("each attempt's latency, for latency over time in a soak")
                    .allSatisfy(line -> assertThat(RunningBroker.JSON.readTree(line).path("latency_us").asLong()).isPositive());

            store(broker, "chk:clean:7");
            store(broker, "chk:clean:9999");
            JsonNode damaged = check(broker, ledger, 1);
            assertThat(damaged.path("duplicates").asInt()).as("seq 7 stored twice").isEqualTo(1);
            assertThat(damaged.path("unexpected").asInt()).as("seq 9999 never sent").isEqualTo(1);
            assertThat(damaged.path("lost").asInt()).isZero();

            JdbcTemplate db = new JdbcTemplate(broker.context(Role.SERVER).getBean(DataSource.class));
            db.update("DELETE FROM messages WHERE message_id = ?", acceptedId(ledger, 8));
            assertThat(check(broker, ledger, 1).path("lost").asInt()).isEqualTo(1);

            // A body moved onto another row no longer matches its authenticated message id.
            List<String> ids = db.queryForList("SELECT message_id FROM messages ORDER BY id", String.class);
            db.update("UPDATE messages SET encrypted_body = (SELECT encrypted_body FROM messages WHERE message_id = ?)"
                    + " WHERE message_id = ?", ids.get(1), ids.get(2));
            assertThat(check(broker, ledger, 1).path("integrity_failures").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aWorkerThatAcknowledgesBeforeDeliveringIsCaughtLosingMessages() {
        try (RunningBroker broker = new RunningBroker(dir, List.of(Role.SERVER, Role.PROXY))) {
            Path ledger = bench(broker, "ackfirst", 30);
            MessageQueue queue = broker.context(Role.PROXY).getBean(MessageQueue.class);
            List<ClaimedMessage> claimed = queue.claim("acks-before-delivering", 100, Duration.ofMinutes(1));
            queue.acknowledge(claimed); // ... and then dies before delivering them
            broker.start(Role.WORKER);

            JsonNode report = check(broker, ledger, 1);
            assertThat(report.path("lost").asInt()).isEqualTo(claimed.size()).isPositive();
            assertThat(report.path("verdict").asString()).isEqualTo("FAIL");
        }
    }

    private Path bench(RunningBroker broker, String run, int count) {
        broker.adminToken(); // the server is up and the demo client registered
        Path ledger = dir.resolve(run + ".ledger");
        CommandRun.broker(0, "bench", "--url", broker.proxy("/").toString(), "--data-dir", dir.toString(),
                "--count", Integer.toString(count), "--concurrency", "8", "--run-id", run, "--ledger", ledger.toString());
        return ledger;
    }

    private JsonNode check(RunningBroker broker, Path ledger, int expectedExit) {
        String out = CommandRun.broker(expectedExit, "check", "--ledger", ledger.toString(), "--data-dir", dir.toString(),
                "--timeout", expectedExit == 0 ? "60s" : "3s");
        return CommandRun.jsonReport(out);
    }

    /** The message id the client was given for attempt {@code seq}, from the ledger. */
    private static String acceptedId(Path ledger, long seq) throws IOException {
        return Files.readAllLines(ledger).stream().map(RunningBroker.JSON::readTree)
                .filter(line -> line.path("seq").asLong() == seq).findFirst().orElseThrow()
                .path("message_id").asString();
    }

    /** Stores a correctly encrypted message with this body under a new id, as a faulty component might. */
    private static void store(RunningBroker broker, String body) {
        MessageCrypto crypto = broker.context(Role.SERVER).getBean(MessageCrypto.class);
        String id = UUID.randomUUID().toString();
        broker.context(Role.SERVER).getBean(MessageWriter.class).insertIfAbsent(StoredMessage.delivered(id, "demo-client",
                "default", crypto.encrypt(id, new MessageContent(SENDER, body)), Instant.now(), Instant.now()));
    }
}
