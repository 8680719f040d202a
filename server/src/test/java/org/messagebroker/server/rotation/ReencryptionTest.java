package org.messagebroker.server.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.messagebroker.server.message.MessageCrypto.EncryptedContent;
import org.messagebroker.server.message.MessageFilter;
import org.messagebroker.server.message.MessageRepository;
import org.messagebroker.server.message.MessageWriter;
import org.messagebroker.server.message.StoredMessage;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.storage.ServerDatabases;
import org.messagebroker.server.webhook.WebhookRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rotation on SQLite, MariaDB and PostgreSQL: afterwards every row is under the new key and still readable. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ReencryptionTest {

    @Parameter
    TestDatabase database;
    @TempDir
    Path dir;
    JdbcClient jdbc;
    MessageRepository store;
    KeysForTests keys;
    Reencryption reencryption;
    WebhookRepository webhooks;

    @BeforeEach
    void setUp() {
        jdbc = ServerDatabases.empty(database);
        jdbc.sql("INSERT INTO clients (client_id, cert_fingerprint, issued_at, expires_at)"
                + " VALUES ('client-a', 'SHA256:a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").update();
        store = new MessageRepository(jdbc, ServerDatabases.reads(database));
        keys = KeysForTests.in(dir);
        webhooks = new WebhookRepository(jdbc, keys.cipher());
        reencryption = new Reencryption(jdbc, store, keys.crypto(), new SimpleMeterRegistry(),
                new ServerSettings.Keys(null, null, null, null, 3), webhooks);
    }

    private void storeMessage(String body) {
        String id = UUID.randomUUID().toString();
        EncryptedContent content = keys.crypto().encrypt(id, new MessageContent("+4915200000000", body));
        new MessageWriter(jdbc, ServerDatabases.vendor(database)).insertIfAbsent(StoredMessage.delivered(id, "client-a", "default", content, Instant.now(), Instant.now()));
    }

    @Test
    void afterARotationEveryRowEndsUpUnderTheNewKeyAndStaysReadable() {
        for (int i = 0; i < 7; i++) {
            storeMessage("body " + i);
        }
        assertThat(reencryption.rowsByVersion()).isEqualTo(Map.of(1, 7L));
        assertThat(reencryption.reencryptBatch()).as("nothing to do before a rotation").isZero();

        keys.rotate();
        storeMessage("written after the rotation");
        assertThat(reencryption.rowsByVersion()).isEqualTo(Map.of(1, 7L, 2, 1L));

        assertThat(reencryption.reencryptBatch()).isEqualTo(3);
        assertThat(reencryption.reencryptBatch()).isEqualTo(3);
        assertThat(reencryption.reencryptBatch()).isEqualTo(1);
        assertThat(reencryption.reencryptBatch()).isZero();
        assertThat(reencryption.rowsByVersion()).isEqualTo(Map.of(2, 8L));
        List<StoredMessage> rows = store.page(MessageFilter.ALL, 0, 100);
        assertThat(rows).extracting(keys.crypto()::body).containsExactlyInAnyOrder("body 0", "body 1", "body 2",
                "body 3", "body 4", "body 5", "body 6", "written after the rotation");
        assertThat(rows).extracting(keys.crypto()::maskedSender).containsOnly("+491****0000");
    }

    @Test
    void webhookSecretsMoveToTheNewKeyUnchangedAndAreCountedMeanwhile() {
        String secret = webhooks.save("client-a", "https://hooks.example.com/in", Set.of("message.delivered"), false,
                Instant.now()).orElseThrow();
        keys.rotate();
        assertThat(reencryption.rowsByVersion()).as("an old version still in use by a secret is not free to retire")
                .isEqualTo(Map.of(1, 1L));

        reencryption.run();
        assertThat(reencryption.rowsByVersion()).isEqualTo(Map.of(2, 1L));
        assertThat(webhooks.secret("client-a")).isEqualTo(secret);
    }
}
