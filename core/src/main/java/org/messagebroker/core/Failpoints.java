package org.messagebroker.core;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Named points where the fault-injection tests make a process die on purpose (the technique of
 * FoundationDB's and TiKV's failpoints). Off unless {@code BROKER_FAILPOINTS} names them; never set it
 * in production.
 */
public final class Failpoints {

    /** The worker has the server's commit for a batch but has not acknowledged it in the queue. */
    public static final String WORKER_AFTER_COMMIT_BEFORE_ACK = "worker.after-commit-before-ack";
    /** The proxy has enqueued a message but not answered 202. */
    public static final String PROXY_AFTER_ENQUEUE_BEFORE_RESPONSE = "proxy.after-enqueue-before-response";

    private static final Set<String> ACTIVE = parse(System.getenv("BROKER_FAILPOINTS"));

    private Failpoints() {
    }

    /** Kills this process at once, as {@code kill -9} would, if the failpoint is active. */
    public static void crashIfActive(String name) {
        if (ACTIVE.contains(name)) {
            System.err.println("failpoint " + name + " reached: halting the process");
            Runtime.getRuntime().halt(137);
        }
    }

    private static Set<String> parse(String value) {
        return value == null ? Set.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
