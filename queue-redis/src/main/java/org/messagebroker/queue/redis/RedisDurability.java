package org.messagebroker.queue.redis;

import java.util.Map;

/**
 * Whether Redis acknowledges a write only after it is on disk: AOF on with {@code appendfsync always}.
 * Otherwise a 202 could be followed by the loss of the message in a crash, so the proxy refuses to
 * start unless the operator has accepted that weaker promise.
 */
final class RedisDurability {

    private RedisDurability() {
    }

    /** Answers null when durable, else what is missing, in words an operator can act on. */
    static String problem(Map<String, String> config) {
        String appendOnly = config.get("appendonly");
        String fsync = config.get("appendfsync");
        if (appendOnly == null || fsync == null) {
            return "the Redis configuration cannot be read (CONFIG GET is disabled?), so durability is unknown";
        }
        if (!appendOnly.equals("yes")) {
            return "Redis has the append-only file off (appendonly " + appendOnly + ")";
        }
        if (!fsync.equals("always")) {
            return "Redis syncs the append-only file '" + fsync + "', not on every write (appendfsync always)";
        }
        return null;
    }

    static void require(Map<String, String> config, boolean acceptWeaker) {
        String problem = problem(config);
        if (problem != null && !acceptWeaker) {
            throw new IllegalStateException("Refusing to accept messages: " + problem + ". A 202 must mean the"
                    + " message survives a crash. Set 'appendonly yes' and 'appendfsync always' in redis.conf, or"
                    + " accept the weaker promise with REDIS_ACCEPT_WEAKER_DURABILITY=true (see README).");
        }
    }
}
