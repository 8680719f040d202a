package org.messagebroker.queue.redis;

/**
 * The keys of one queue, all under one prefix. The default prefix {@code {broker}:} is a Redis Cluster
 * hash tag, so every key of the queue lands in one slot and the Lua scripts may touch them together.
 */
record RedisKeys(String prefix) {

    /** The stream of waiting and claimed messages, read by the consumer group. */
    String stream() {
        return prefix + "messages";
    }

    String deadLetters() {
        return prefix + "dead";
    }

    /** Message id to {@code queued_at|attempts|client_id}, for status look-ups. */
    String index() {
        return prefix + "index";
    }

    /** Message ids scored by acceptance time, for the oldest message's age. */
    String ages() {
        return prefix + "ages";
    }

    String retries() {
        return prefix + "retries";
    }

    String idempotency(String clientId, String key) {
        return prefix + "idem:" + clientId + ":" + key;
    }

    /** A client's rate-limit token bucket: a hash of {@code tokens} and {@code at} (ms). */
    String rate(String clientId) {
        return prefix + "rate:" + clientId;
    }

    /** Entry id to lease end, scored by the claimer's clock. */
    String leases() {
        return prefix + "leases";
    }

    /** Entry id to the token of the claim that holds it. */
    String claims() {
        return prefix + "claims";
    }

    String[] forClaim() {
        return new String[] {stream(), leases(), claims(), retries()};
    }

    String[] forRelease() {
        return new String[] {stream(), leases(), claims()};
    }

    String[] forSettle() {
        return new String[] {stream(), leases(), claims(), retries(), deadLetters(), index(), ages()};
    }
}
