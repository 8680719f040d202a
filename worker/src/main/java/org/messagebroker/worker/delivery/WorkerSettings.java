package org.messagebroker.worker.delivery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings ({@code broker.worker.*}).
 *
 * @param id            this worker's name in metrics, logs and queue claims
 * @param serverUrl     the server's internal (mTLS) base URL
 * @param concurrency   delivery loops running at once
 * @param batchSize     messages claimed and delivered per call
 * @param lease         how long a claim lasts before the queue hands the message out again
 * @param pollInterval  the pause when the queue is empty
 * @param linger        the pause after a batch smaller than {@code batchSize}, so that the next one is
 *                      fuller: fewer calls, transactions and commits per message at a little latency
 * @param retryInterval the wait after a temporary failure (Message Broker 1.0's fixed 30 s); with exponential
 *                      backoff, the first wait's ceiling
 * @param retryBackoff  {@code fixed} (Message Broker 1.0's) or {@code exponential} with full jitter
 * @param retryMaxInterval the ceiling of an exponential wait
 * @param maxAttempts   failed attempts after which a message is dead-lettered (Message Broker 1.0's 10,000)
 * @param timeout       the HTTP timeout for one delivery call
 */
@ConfigurationProperties("broker.worker")
record WorkerSettings(String id, URI serverUrl, int concurrency, int batchSize, Duration lease,
        Duration pollInterval, Duration linger, Duration retryInterval, RetryPolicy.Backoff retryBackoff, Duration retryMaxInterval,
        int maxAttempts, Duration timeout, Tls tls) {

    record Tls(Path certificate, Path privateKey, Path caCertificate) {
    }
}
