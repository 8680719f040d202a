package org.messagebroker.queue.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.DeadLetter;
import org.messagebroker.core.queue.Enqueued;
import org.messagebroker.core.queue.Enqueueing;
import org.messagebroker.core.queue.MessageQueue;
import org.messagebroker.core.queue.QueueUnavailableException;
import org.messagebroker.core.queue.QueuedMessage;
import org.messagebroker.core.queue.QueuedStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue as a table. A claim sets the entry's due time to the end of its lease, so one condition,
 * {@code due_at <= now}, finds both waiting entries and claims whose worker died. Claims lock rows with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never take the same entry; on SQLite, which has one
 * writer at a time, the claim's transaction holds the write lock from its start instead.
 */
public class JdbcMessageQueue implements MessageQueue {

    private static final int DEADLOCK_RETRIES = 5;
    private static final String COLUMNS = "id, message_id, client_id, domain, queued_at, sealed, attempts";

    private final JdbcClient jdbc;
    private final EntryWriter entries;
    private final QueueDeadLetterRepository deadLetterTable;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final DatabaseVendor vendor;
    private final String selectDue;

    public JdbcMessageQueue(JdbcClient jdbc, PlatformTransactionManager transactionManager, DatabaseVendor vendor,
            Clock clock) {
        this.jdbc = jdbc;
        this.entries = new EntryWriter(jdbc, new IdempotencyKeyRepository(jdbc, vendor), new RateBucketRepository(jdbc, vendor));
        this.deadLetterTable = new QueueDeadLetterRepository(jdbc);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.clock = clock;
        this.vendor = vendor;
        this.selectDue = "SELECT id FROM queue_entries WHERE due_at <= ? ORDER BY due_at, id LIMIT ?"
                + (vendor == DatabaseVendor.SQLITE ? "" : " FOR UPDATE SKIP LOCKED");
    }

    @Override
    public List<Enqueued> enqueueAll(List<Enqueueing> batch) {
        return guarded("enqueue", () -> {
            List<Enqueued> written = inTransaction(() -> entries.write(batch, clock.millis()));
            long depth = depth();
            return written.stream().map(e -> e.atDepth(depth)).toList();
        });
    }

    @Override
    public boolean sharesWriterWithConsumers() {
        return vendor == DatabaseVendor.SQLITE;
    }

    @Override
    public Optional<QueuedStatus> find(String messageId) {
        return guarded("find", () -> jdbc.sql("SELECT message_id, client_id, queued_at, attempts FROM queue_entries"
                        + " WHERE message_id = :id UNION ALL SELECT message_id, client_id, queued_at, attempts"
                        + " FROM queue_dead_letters WHERE message_id = :id")
                .param("id", messageId)
                .query((rs, row) -> new QueuedStatus(rs.getString(1), rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4)))
                .optional());
    }

    @Override
    public List<ClaimedMessage> claim(String consumer, int max, Duration lease) {
        return guarded("claim", () -> inTransaction(() -> {
            long now = clock.millis();
            List<Long> ids = jdbc.sql(selectDue).params(now, max).query(Long.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            String token = UUID.randomUUID().toString();
            jdbc.sql("UPDATE queue_entries SET due_at = :due, claimed_by = :consumer, claim_token = :token"
                            + " WHERE id IN (:ids)")
                    .param("due", now + lease.toMillis()).param("consumer", consumer)
                    .param("token", token).param("ids", ids).update();
            return jdbc.sql("SELECT " + COLUMNS + " FROM queue_entries WHERE id IN (:ids) ORDER BY id")
                    .param("ids", ids)
                    .query((rs, row) -> new ClaimedMessage(rs.getLong("id") + ":" + token,
                            new QueuedMessage(rs.getString("message_id"), rs.getString("client_id"),
                                    rs.getString("domain"), Instant.ofEpochMilli(rs.getLong("queued_at")),
                                    rs.getString("sealed")),
                            rs.getInt("attempts")))
                    .list();
        }));
    }

    @Override
    public int releaseClaims(String consumer) {
        return guarded("release", () -> jdbc.sql("UPDATE queue_entries SET due_at = ?, claimed_by = NULL,"
                        + " claim_token = NULL WHERE claimed_by = ?")
                .params(clock.millis(), consumer).update());
    }

    @Override
    public void acknowledge(Collection<ClaimedMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        // One statement per claim (a worker's batch is one claim): only rows its token still holds go.
        Map<String, List<Long>> idsByToken = messages.stream().map(Receipt::of).collect(Collectors.groupingBy(
                Receipt::token, Collectors.mapping(Receipt::id, Collectors.toList())));
        guarded("acknowledge", () -> inTransaction(() -> {
            idsByToken.forEach((token, ids) -> jdbc.sql("DELETE FROM queue_entries WHERE claim_token = :token"
                    + " AND id IN (:ids)").param("token", token).param("ids", ids).update());
            return null;
        }));
    }

    @Override
    public void retryLater(ClaimedMessage message, Instant dueAt, String reason) {
        Receipt receipt = Receipt.of(message);
        guarded("retry", () -> jdbc.sql("UPDATE queue_entries SET due_at = ?, attempts = attempts + 1,"
                        + " claimed_by = NULL, claim_token = NULL, last_error = ? WHERE id = ? AND claim_token = ?")
                .params(dueAt.toEpochMilli(), truncate(reason), receipt.id(), receipt.token()).update());
    }

    @Override
    public void deadLetter(ClaimedMessage message, String reason) {
        Receipt receipt = Receipt.of(message);
        guarded("dead-letter", () -> inTransaction(() -> {
            int removed = jdbc.sql("DELETE FROM queue_entries WHERE id = ? AND claim_token = ?")
                    .params(receipt.id(), receipt.token()).update();
            if (removed == 1) {
                deadLetterTable.insert(message, reason, clock.millis());
            }
            return null;
        }));
    }

    @Override
    public long depth() {
        return guarded("depth", () -> jdbc.sql("SELECT COUNT(*) FROM queue_entries").query(Long.class).single());
    }

    @Override
    public Optional<Instant> oldestQueuedAt() {
        Long oldest = guarded("oldest", () -> jdbc.sql("SELECT MIN(queued_at) FROM (SELECT MIN(queued_at) AS queued_at"
                + " FROM queue_entries UNION ALL SELECT MIN(queued_at) FROM queue_dead_letters) oldest")
                .query(Long.class).optional().orElse(null));
        return Optional.ofNullable(oldest).map(Instant::ofEpochMilli);
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        return guarded("dead-letter read", () -> deadLetterTable.oldest(max));
    }

    @Override
    public void forgetDeadLetters(Collection<DeadLetter> recorded) {
        guarded("dead-letter removal", () -> {
            deadLetterTable.forget(recorded);
            return null;
        });
    }

    /**
     * Runs at READ COMMITTED, so InnoDB takes no gap locks, and retries a transaction the database
     * chose as a deadlock victim: it was rolled back whole, so running it again is safe.
     */
    private <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> work.get());
            } catch (PessimisticLockingFailureException e) {
                if (attempt == DEADLOCK_RETRIES) {
                    throw e;
                }
            }
        }
    }

    static String truncate(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    private static <T> T guarded(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (DataAccessException e) {
            throw new QueueUnavailableException("queue " + operation + " failed", e);
        }
    }

    private record Receipt(long id, String token) {
        static Receipt of(ClaimedMessage message) {
            String receipt = message.receipt();
            int colon = receipt.indexOf(':');
            return new Receipt(Long.parseLong(receipt.substring(0, colon)), receipt.substring(colon + 1));
        }
    }
}
