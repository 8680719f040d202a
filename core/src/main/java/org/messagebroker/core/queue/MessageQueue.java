package org.messagebroker.core.queue;

/**
 * The durable queue between the intake and the workers, as one backend implements it: every backend
 * passes the same contract tests. Each role depends only on its part ({@link QueueProducer},
 * {@link QueueConsumer}, {@link QueueInspector}). Failures to reach the backend surface as
 * {@link QueueUnavailableException}.
 */
public interface MessageQueue extends QueueProducer, QueueConsumer, QueueInspector {
}
