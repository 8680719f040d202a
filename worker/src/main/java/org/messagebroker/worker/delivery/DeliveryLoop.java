package org.messagebroker.worker.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.messagebroker.core.queue.ClaimedMessage;
import org.messagebroker.core.queue.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@code concurrency} loops on virtual threads, each claiming a batch and handing it to the
 * {@link BatchDelivery}. While the queue or the server is unavailable each loop waits longer between calls
 * (doubling from the poll interval up to 5 s), and the outage is logged once. On shutdown the loops stop claiming and finish the batch in hand; anything
 * not acknowledged stays claimed in the queue and is handed out again when its lease ends.
 */
@Component
class DeliveryLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    /** The longest wait between calls while the queue or server is unavailable: how late deliveries resume after. */
    private static final Duration MAX_BACKOFF_WHILE_UNAVAILABLE = Duration.ofSeconds(5);

    /**
     * Set as the JVM begins to exit. Exit hooks may close the queue's connections while the loops still run;
     * a failed claim after that is the exit's doing, not an outage to warn about.
     */
    private static final AtomicBoolean EXITING = new AtomicBoolean();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> EXITING.set(true), "worker-exit-flag"));
    }

    private final MessageQueue queue;
    private final BatchDelivery delivery;
    private final WorkerSettings settings;
    private final String id;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private final AtomicBoolean queueUnreachable = new AtomicBoolean();
    private final AtomicInteger active = new AtomicInteger();
    private CountDownLatch stopped;

    DeliveryLoop(MessageQueue queue, BatchDelivery delivery, WorkerSettings settings, WorkerIdentity identity,
            MeterRegistry meters) {
        this.queue = queue;
        this.delivery = delivery;
        this.settings = settings;
        this.id = identity.id();
        Gauge.builder("worker_active_workers", active, AtomicInteger::get).register(meters);
    }

    @Override
    public synchronized void start() {
        running = true;
        takeBackClaimsOfThePreviousRun();
        stopped = new CountDownLatch(settings.concurrency());
        for (int i = 0; i < settings.concurrency(); i++) {
            threads.add(Thread.ofVirtual().name(id + "-" + i).start(this::loop));
        }
        log.info("Worker {} started {} delivery loops (batch size {})", id, settings.concurrency(),
                settings.batchSize());
    }

    /** What this worker had claimed when it last stopped or died is due again now, not when its leases end. */
    private void takeBackClaimsOfThePreviousRun() {
        try {
            int released = queue.releaseClaims(id);
            if (released > 0) {
                log.info("Worker {} took back {} messages its previous run had claimed", id, released);
            }
        } catch (RuntimeException e) {
            log.warn("Worker {} could not take back its previous run's claims ({}); they return when their leases end",
                    id, e.getMessage());
        }
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        active.incrementAndGet();
        try {
            while (running) {
                int delivered = deliverOneBatch();
                if (delivered < 0) {
                    // Without this, messages falling due one by one would each cost a failed call: a busy loop
                    // that takes the CPU a restarting server needs. Waiting lets them go out together.
                    backoff = backoff.isZero() ? settings.pollInterval()
                            : min(backoff.multipliedBy(2), MAX_BACKOFF_WHILE_UNAVAILABLE);
                    pause(backoff);
                    continue;
                }
                if (delivered > 0) {
                    backoff = Duration.ZERO; // only a call the server took ends the back-off, not an empty claim
                }
                if (delivered == 0) {
                    pause(settings.pollInterval());
                } else if (delivered < settings.batchSize()) {
                    pause(settings.linger());
                }
            }
        } finally {
            active.decrementAndGet();
            stopped.countDown();
        }
    }

    /**
     * Answers how many messages it handed on, or -1 when the queue could not be reached or the server did
     * not take them; an empty queue is polled at the configured interval.
     */
    private int deliverOneBatch() {
        List<ClaimedMessage> batch;
        try {
            batch = queue.claim(id, settings.batchSize(), settings.lease());
        } catch (RuntimeException e) {
            if (running && !EXITING.get() && !queueUnreachable.getAndSet(true)) {
                log.warn("The queue cannot be reached ({}); claims back off until it answers", e.getMessage());
            }
            return -1;
        }
        if (queueUnreachable.getAndSet(false)) {
            log.info("The queue answers again; deliveries resume");
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            return delivery.deliver(batch) ? batch.size() : -1;
        } catch (RuntimeException e) {
            // The claim stays; the queue hands the batch out again when the lease ends.
            log.error("Delivery of a batch of {} failed unexpectedly", batch.size(), e);
            return batch.size();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        try {
            if (stopped != null && !stopped.await(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                log.warn("Delivery loops did not finish in time; their claims will be redelivered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
