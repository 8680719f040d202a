package org.messagebroker.core.queue;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.messagebroker.core.testing.MutableClock;

/** The in-memory queue keeps the same promises as the real backends, so unit tests may stand on it. */
class InMemoryQueueTest implements MessageQueueContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MessageQueue queue;

    @BeforeEach
    void emptyQueue() {
        queue = new InMemoryQueue(clock);
    }

    @Override
    public MessageQueue queue() {
        return queue;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
