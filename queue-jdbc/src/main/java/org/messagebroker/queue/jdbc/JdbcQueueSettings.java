package org.messagebroker.queue.jdbc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The JDBC queue's settings ({@code broker.queue.jdbc.*}, from {@code QUEUE_JDBC_*} in each role's properties).
 *
 * @param poolSize the most connections the queue's pool opens (SQLite: one writer whatever this says)
 */
@ConfigurationProperties("broker.queue.jdbc")
public record JdbcQueueSettings(String url, @DefaultValue("") String username, @DefaultValue("") String password,
        @DefaultValue("10") int poolSize) {
}
