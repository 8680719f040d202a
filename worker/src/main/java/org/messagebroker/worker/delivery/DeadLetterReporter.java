package org.messagebroker.worker.delivery;

import java.util.List;
import org.messagebroker.core.queue.DeadLetter;
import org.messagebroker.core.queue.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands the queue's dead letters to the server, which records them as failed messages and keeps them
 * for replay. A dead letter leaves the queue only after the server confirmed it; while the server is
 * down (often why messages died) they wait in the queue.
 */
@Component
class DeadLetterReporter {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReporter.class);
    private static final int BATCH = 100;

    private final MessageQueue queue;
    private final ServerClient server;

    DeadLetterReporter(MessageQueue queue, ServerClient server) {
        this.queue = queue;
        this.server = server;
    }

    @Scheduled(fixedDelayString = "${broker.worker.dead-letter-report-interval:5s}")
    void report() {
        try {
            List<DeadLetter> batch;
            do {
                batch = queue.deadLetters(BATCH);
                if (!batch.isEmpty()) {
                    server.reportFailures(batch);
                    queue.forgetDeadLetters(batch);
                    log.info("Handed {} dead letters over to the server", batch.size());
                }
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("Cannot hand dead letters over to the server yet: {}", e.getMessage());
        }
    }
}
