package org.messagebroker.server.rotation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.server.message.MessageCrypto.EncryptedContent;
import org.messagebroker.server.message.MessageCrypto;
import org.messagebroker.server.message.MessageRepository;
import org.messagebroker.server.message.StoredMessage;
import org.messagebroker.server.settings.ServerSettings;
import org.messagebroker.server.webhook.WebhookRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * After a rotation, re-encrypts rows still under an older key version, in batches, until none is left.
 * Each update is conditional on the row's version, so a concurrent change is never overwritten.
 */
@Component
public class Reencryption {

    private static final Logger log = LoggerFactory.getLogger(Reencryption.class);

    private final JdbcClient jdbc;
    private final MessageRepository store;
    private final MessageCrypto crypto;
    private final int batchSize;
    private final Counter reencrypted;
    private final WebhookRepository webhooks;

    public Reencryption(JdbcClient jdbc, MessageRepository store, MessageCrypto crypto, MeterRegistry meters,
            ServerSettings.Keys settings, WebhookRepository webhooks) {
        int batchSize = settings.reencryptBatchSize();
        this.jdbc = jdbc;
        this.store = store;
        this.crypto = crypto;
        this.batchSize = batchSize;
        this.reencrypted = meters.counter("main_server_messages_reencrypted_total");
        this.webhooks = webhooks;
    }

    @Scheduled(fixedDelayString = "${broker.keys.reencrypt-interval:30s}")
    void run() {
        int secrets = webhooks.reencryptSecrets();
        if (secrets > 0) {
            log.info("Re-encrypted {} webhook secrets under storage key version {}", secrets, crypto.currentVersion());
        }
        long total = 0;
        int done;
        do {
            done = reencryptBatch();
            total += done;
        } while (done == batchSize);
        if (total > 0) {
            log.info("Re-encrypted {} messages under storage key version {}", total, crypto.currentVersion());
        }
    }

    /** Re-encrypts up to one batch; answers how many rows it moved to the current version. */
    public int reencryptBatch() {
        int current = crypto.currentVersion();
        List<StoredMessage> stale = store.withKeyVersionOtherThan(current, batchSize);
        int done = 0;
        for (StoredMessage m : stale) {
            EncryptedContent fresh = crypto.reencrypt(m);
            done += jdbc.sql("UPDATE messages SET sender_number_encrypted = ?, encrypted_body = ?,"
                            + " encryption_key_version = ? WHERE message_id = ? AND encryption_key_version = ?")
                    .params(fresh.sender(), fresh.body(), fresh.keyVersion(), m.messageId(), m.keyVersion()).update();
        }
        reencrypted.increment(done);
        return done;
    }

    /**
     * Rows (messages and webhook secrets) per key version, for operators deciding when an old version can
     * be retired.
     */
    public Map<Integer, Long> rowsByVersion() {
        Map<Integer, Long> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT v, SUM(n) FROM (SELECT encryption_key_version AS v, COUNT(*) AS n FROM messages"
                        + " GROUP BY encryption_key_version UNION ALL SELECT secret_key_version AS v, COUNT(*) AS n"
                        + " FROM webhooks GROUP BY secret_key_version) t GROUP BY v ORDER BY v")
                .query(rs -> {
                    rows.put(rs.getInt(1), rs.getLong(2));
                });
        return rows;
    }
}
