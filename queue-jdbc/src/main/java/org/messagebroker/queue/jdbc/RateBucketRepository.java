package org.messagebroker.queue.jdbc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.messagebroker.core.DatabaseVendor;
import org.messagebroker.core.queue.TokenBucket;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code queue_rate_buckets} table: each client's token bucket, used inside the enqueue's transaction. */
final class RateBucketRepository {

    private final JdbcClient jdbc;
    private final String select;
    private final String insertIfAbsent;

    RateBucketRepository(JdbcClient jdbc, DatabaseVendor vendor) {
        this.jdbc = jdbc;
        // SQLite's write transaction already holds the whole database; the others lock the client's row.
        this.select = "SELECT tokens, updated_at FROM queue_rate_buckets WHERE client_id = ?"
                + (vendor == DatabaseVendor.SQLITE ? "" : " FOR UPDATE");
        this.insertIfAbsent = vendor.insertIfAbsent(
                "INTO queue_rate_buckets (client_id, tokens, updated_at) VALUES (?, ?, ?)", "");
    }

    /**
     * Locks these clients' buckets until the transaction ends, creating full ones where none exists, and
     * answers them refilled to {@code now}. Locked in client order, so two batches never wait on each other
     * in a cycle.
     */
    Map<String, TokenBucket> lock(Map<String, Integer> perMinuteByClient, long now) {
        Map<String, TokenBucket> buckets = new HashMap<>();
        new TreeMap<>(perMinuteByClient).forEach((clientId, perMinute) -> {
            Optional<TokenBucket> bucket = find(clientId);
            if (bucket.isEmpty()) {
                jdbc.sql(insertIfAbsent).params(clientId, (double) perMinute, now).update();
                bucket = find(clientId);
            }
            buckets.put(clientId, bucket.orElseThrow().refilled(perMinute, now));
        });
        return buckets;
    }

    void save(Map<String, TokenBucket> buckets) {
        buckets.forEach((clientId, bucket) -> jdbc.sql(
                        "UPDATE queue_rate_buckets SET tokens = ?, updated_at = ? WHERE client_id = ?")
                .params(bucket.tokens(), bucket.atMillis(), clientId).update());
    }

    private Optional<TokenBucket> find(String clientId) {
        return jdbc.sql(select).param(clientId)
                .query((rs, row) -> new TokenBucket(rs.getDouble(1), rs.getLong(2))).optional();
    }
}
