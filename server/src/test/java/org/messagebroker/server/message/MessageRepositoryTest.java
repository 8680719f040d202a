package org.messagebroker.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.messagebroker.core.message.MessageContent;
import org.messagebroker.core.testing.TestDatabase;
import org.messagebroker.server.keys.KeysForTests;
import org.messagebroker.server.storage.ServerDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The messages table on SQLite, MariaDB and PostgreSQL: insert-if-absent, paging and nothing readable at rest. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class MessageRepositoryTest {

    @Parameter
    TestDatabase database;
    @TempDir
    Path keys;
    JdbcClient jdbc;
    MessageRepository store;
    MessageWriter writer;
    MessageCrypto crypto;

    @BeforeEach
    void emptyDatabase() {
        jdbc = ServerDatabases.empty(database);
        store = new MessageRepository(jdbc, ServerDatabases.reads(database));
        writer = new MessageWriter(jdbc, ServerDatabases.vendor(database));
        crypto = KeysForTests.in(keys).crypto();
        for (String client : List.of("client-a", "client-b")) {
            jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                            + " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                    .params(client, "SHA256:" + client).update();
        }
    }

    StoredMessage message(String clientId, String status, String body, Instant createdAt) {
        String id = UUID.randomUUID().toString();
        MessageCrypto.EncryptedContent content = crypto.encrypt(id, new MessageContent("+4915200000000", body));
        return "delivered".equals(status)
                ? StoredMessage.delivered(id, clientId, "default", content, createdAt, createdAt)
                : StoredMessage.failed(id, clientId, "default", content, createdAt, 3, "gave up", createdAt);
    }

    @Test
    void aSecondInsertOfTheSameIdChangesNothing() {
        StoredMessage m = message("client-a", "delivered", "hello", Instant.now());
        assertThat(writer.insertIfAbsent(m)).isTrue();
        assertThat(writer.insertIfAbsent(m)).isFalse();
        assertThat(store.count(MessageFilter.ALL)).isEqualTo(1);
    }

    @Test
    void pagesNewestFirstWithinTheScope() {
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StoredMessage older = message("client-a", "delivered", "older", base.minusSeconds(60));
        StoredMessage newer = message("client-a", "failed", "newer", base);
        StoredMessage otherClient = message("client-b", "delivered", "other", base);
        List.of(older, newer, otherClient).forEach(writer::insertIfAbsent);

        assertThat(store.page(MessageFilter.of("client-a", null), 0, 10)).extracting(StoredMessage::messageId)
                .containsExactly(newer.messageId(), older.messageId());
        assertThat(store.page(MessageFilter.of("client-a", "delivered"), 0, 10)).extracting(StoredMessage::messageId)
                .containsExactly(older.messageId());
        assertThat(store.page(MessageFilter.ALL, 1, 1)).hasSize(1);
        assertThat(store.count(MessageFilter.of(null, "delivered"))).isEqualTo(2);
        assertThat(store.count(MessageFilter.of("client-b", null))).isEqualTo(1);
    }

    @Test
    void pagesOfMessagesStoredTheSameInstantFollowTheRowIds() {
        Instant same = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            writer.insertIfAbsent(message("client-a", "delivered", "m" + i, same));
        }
        List<Long> walked = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            store.page(MessageFilter.of("client-a", null), offset, 2).forEach(m -> walked.add(m.id()));
        }
        assertThat(walked).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void storedRowsReadBackAndHoldNoPlaintext() {
        String marker = "marker-" + UUID.randomUUID();
        StoredMessage m = message("client-a", "delivered", marker, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        writer.insertIfAbsent(m);

        StoredMessage read = store.page(MessageFilter.ALL, 0, 1).getFirst();
        assertThat(read).usingRecursiveComparison().ignoringFields("id", "createdAt", "queuedAt", "deliveredAt")
                .isEqualTo(m);
        assertThat(read.id()).as("the database's own row id").isPositive();
        assertThat(read.queuedAt()).isEqualTo(m.queuedAt());
        assertThat(crypto.body(read)).isEqualTo(marker);
        assertThat(crypto.maskedSender(read)).isEqualTo("+491****0000");
        for (Map<String, Object> row : jdbc.sql("SELECT * FROM messages").query().listOfRows()) {
            assertThat(row.values().toString()).doesNotContain(marker).doesNotContain("4915200000000");
        }
    }
}
