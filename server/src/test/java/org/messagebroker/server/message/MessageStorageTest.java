package org.messagebroker.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.delivery.DeliveryResponse.ItemResult;
import org.messagebroker.core.delivery.DeliveryResponse.Outcome;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.seal.EnvelopeOpener;
import org.messagebroker.core.seal.EnvelopeSealer;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.client.ClientRepository;
import org.messagebroker.server.keys.KeysForTests;
import org.messagebroker.server.storage.ServerDatabases;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Storing on SQLite, MariaDB and PostgreSQL: each delivered message stored exactly once, bad ones rejected
 * for good, and a failed one recorded with its reason when it can be read.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class MessageStorageTest {

    private static KeyPair sealingKeys;

    @BeforeAll
    static void sealingKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        sealingKeys = generator.generateKeyPair();
    }

    @Parameter
    TestDatabase database;
    @TempDir
    Path keys;
    JdbcClient jdbc;
    MessageStorage storage;
    final List<Object> published = Collections.synchronizedList(new ArrayList<>());
    TransactionTemplate transactions;
    final EnvelopeSealer sealer = new EnvelopeSealer(sealingKeys.getPublic(), Clock.systemUTC());

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(database);
        jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                + " VALUES ('client-a', 'SHA256:a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").update();
        storage = new MessageStorage(new EnvelopeOpener(sealingKeys.getPrivate()), KeysForTests.in(keys).crypto(),
                new MessageWriter(jdbc, ServerDatabases.vendor(database)), new ClientRepository(jdbc),
                new SimpleMeterRegistry(), Clock.systemUTC(), published::add);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(ServerDatabases.dataSource(database)));
    }

    QueuedMessage sealed(String clientId, String number, String body) {
        String id = UUID.randomUUID().toString();
        return new QueuedMessage(id, clientId, "default", Instant.now(), sealer.seal(id, new MessageContent(number, body)));
    }

    List<ItemResult> deliver(List<QueuedMessage> batch) {
        return transactions.execute(status -> storage.storeDelivered(batch, "worker"));
    }

    @Test
    void eachMessageGetsItsOwnOutcomeInTheBatchsOrder() {
        QueuedMessage good = sealed("client-a", "+4915200000000", "hello");
        QueuedMessage unknownClient = sealed("client-x", "+4915200000000", "hello");
        QueuedMessage invalid = sealed("client-a", "+123", "hello");
        QueuedMessage movedSeal = new QueuedMessage(UUID.randomUUID().toString(), "client-a", "default",
                Instant.now(), good.sealed());

        List<ItemResult> results = deliver(List.of(unknownClient, good, invalid, movedSeal));
        assertThat(results).extracting(ItemResult::messageId).containsExactly(unknownClient.messageId(),
                good.messageId(), invalid.messageId(), movedSeal.messageId());
        assertThat(results).extracting(ItemResult::outcome)
                .containsExactly(Outcome.REJECTED, Outcome.STORED, Outcome.REJECTED, Outcome.REJECTED);
        assertThat(results.getFirst().reason()).contains("unknown client");

        assertThat(published).as("only what was stored is announced (the webhooks' message.delivered)")
                .containsExactly(new MessageEvents.Delivered(List.of(
                        new MessageEvents.DeliveredMessage(good.messageId(), "client-a"))));

        assertThat(deliver(List.of(good))).extracting(ItemResult::outcome).containsExactly(Outcome.DUPLICATE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messages").query(Long.class).single()).isEqualTo(1);
        assertThat(published).as("a redelivery announces nothing").hasSize(1);
    }

    @Test
    void aFailedMessageIsStoredAsFailedWithItsReasonOnlyWhenItCanBeRead() {
        QueuedMessage readable = sealed("client-a", "+4915200000000", "hello");
        QueuedMessage unknownClient = sealed("client-x", "+4915200000000", "hello");
        Instant failedAt = Instant.parse("2026-05-01T12:00:00Z");

        storage.storeFailed(readable, 7, "Exceeded maximum attempts (7): timeout", failedAt);
        storage.storeFailed(unknownClient, 1, "unknown client client-x", failedAt);
        storage.storeFailed(readable, 7, "reported twice", failedAt);

        MessageRepository messages = new MessageRepository(jdbc, ServerDatabases.reads(database));
        StoredMessage row = messages.find(readable.messageId()).orElseThrow();
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attemptCount()).isEqualTo(7);
        assertThat(row.errorMessage()).isEqualTo("Exceeded maximum attempts (7): timeout");
        assertThat(row.lastAttemptAt()).isEqualTo(failedAt);
        assertThat(messages.find(unknownClient.messageId())).isEmpty();
    }

    @Test
    void concurrentDeliveriesOfOverlappingBatchesStoreEachMessageOnce() throws Exception {
        List<QueuedMessage> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(sealed("client-a", "+4915200000000", "body " + i));
        }
        AtomicInteger stored = new AtomicInteger();
        try (ExecutorService workers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<QueuedMessage> shuffled = new ArrayList<>(batch);
                Collections.shuffle(shuffled);
                running.add(workers.submit(() -> stored.addAndGet(deliverLikeTheWorker(shuffled))));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        assertThat(stored).hasValue(batch.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messages").query(Long.class).single()).isEqualTo(batch.size());
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT message_id) FROM messages").query(Long.class).single())
                .isEqualTo(batch.size());
    }

    /** The server answers a transient database error with 503, and the worker delivers again. */
    private int deliverLikeTheWorker(List<QueuedMessage> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return (int) deliver(batch).stream().filter(r -> r.outcome() == Outcome.STORED).count();
            } catch (TransientDataAccessException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aMessageAcceptedAfterItsCertificatesRevocationIsRejectedWithTheReason() {
        ClientRepository registry = new ClientRepository(jdbc);
        Instant revokedAt = Instant.parse("2026-06-01T12:00:00Z");
        registry.register("client-b", "default", "b1", "SHA256:b1", revokedAt.minusSeconds(3600),
                revokedAt.plusSeconds(86_400));
        registry.addCertificate("client-b", "b2", "SHA256:b2", revokedAt.minusSeconds(60), revokedAt.plusSeconds(86_400));
        registry.supersede("client-b", "b2", revokedAt.minusSeconds(30));
        registry.revoke("client-b", "key compromise", "keyCompromise", revokedAt);

        QueuedMessage before = sealedWith("b2", revokedAt.minusMillis(1));
        QueuedMessage at = sealedWith("b2", revokedAt);
        QueuedMessage withTheSupersededOne = sealedWith("b1", revokedAt.minusSeconds(10));
        List<ItemResult> results = deliver(List.of(before, at, withTheSupersededOne));

        assertThat(results).extracting(ItemResult::outcome)
                .containsExactly(Outcome.STORED, Outcome.REJECTED, Outcome.STORED);
        assertThat(results.get(1).reason()).contains("certificate b2 was revoked at 2026-06-01T12:00:00Z");
        storage.storeFailed(sealedWith("b2", revokedAt.plusSeconds(1)), 3, "timeout", Instant.now());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messages WHERE client_id = 'client-b'").query(Long.class).single())
                .as("nor is a failed one stored").isEqualTo(2);
    }

    private QueuedMessage sealedWith(String serial, Instant queuedAt) {
        String id = UUID.randomUUID().toString();
        return new QueuedMessage(id, "client-b", "default", queuedAt,
                sealer.seal(id, new MessageContent("+4915200000000", "hello", serial)));
    }
}
