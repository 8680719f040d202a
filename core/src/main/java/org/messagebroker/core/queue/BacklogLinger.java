package org.messagebroker.core.queue;

import java.time.Duration;

/**
 * When the group commit's writer lets a batch fill before writing it: while the queue holds more than
 * {@code backlog} entries and a consumer took entries out within the last second. The consumers are then
 * behind, and where they share one writer with the intake (SQLite), each small enqueue takes a turn from
 * them; waiting up to {@code linger} for more requests makes fewer, larger writes, and slows the intake to
 * the pace at which messages are stored. A backlog that nobody consumes (the server down) is no reason to
 * wait: the queue is there to absorb it. Used by the writer thread only.
 */
final class BacklogLinger {

    private static final long CONSUMERS_ACTIVE_NANOS = Duration.ofSeconds(1).toNanos();

    private final long backlog;
    private final long lingerNanos;
    private long lastDepth;
    private long consumedAt;
    private boolean consumedEver;

    BacklogLinger(long backlog, Duration linger) {
        this.backlog = backlog;
        this.lingerNanos = linger.toNanos();
    }

    static BacklogLinger never() {
        return new BacklogLinger(Long.MAX_VALUE, Duration.ZERO);
    }

    /** How long the next batch may wait to fill, in nanoseconds (0: write it now). */
    long lingerNanos(long now) {
        boolean consumersActive = consumedEver && now - consumedAt < CONSUMERS_ACTIVE_NANOS;
        return lastDepth > backlog && consumersActive ? lingerNanos : 0;
    }

    /** After a write that added {@code added} entries and left the queue {@code depthAfter} deep. */
    void written(int added, long depthAfter, long now) {
        if (lastDepth + added > depthAfter) {
            consumedAt = now;
            consumedEver = true;
        }
        lastDepth = depthAfter;
    }
}
