package org.messagebroker.cli.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.cli.bench.Ledger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A ledger written by {@code broker bench --ledger}: one attempt per line, all of one run. The retries of
 * one request (same sequence number and idempotency key) count as one request, settled by its best outcome.
 */
record LedgerFile(String run, Map<Long, Attempt> attempts, Instant firstAnswer) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static LedgerFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the ledger " + file + " is empty");
        }
        String run = null;
        Instant first = Instant.MAX;
        Map<Long, Attempt> attempts = new HashMap<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            String lineRun = node.path("run").asString();
            if (run != null && !run.equals(lineRun)) {
                throw new IllegalArgumentException("the ledger " + file + " mixes runs " + run + " and " + lineRun);
            }
            run = lineRun;
            Instant answered = Instant.parse(node.path("answered_at").asString());
            first = answered.isBefore(first) ? answered : first;
            long seq = node.path("seq").asLong();
            attempts.merge(seq, new Attempt(seq, node.path("outcome").asString(),
                    node.path("message_id").isString() ? node.path("message_id").asString() : null, false),
                    Attempt::settle);
        }
        return new LedgerFile(run, attempts, first);
    }

    /**
     * {@code outcome}: ok, fail-definite or fail-indeterminate; {@code messageId} only when ok;
     * {@code conflicting} when two attempts with the same key were acknowledged with different ids.
     */
    record Attempt(long seq, String outcome, String messageId, boolean conflicting) {

        /**
         * One request's outcome over its attempts: acknowledged if any attempt was (the first
         * acknowledgement's id: with the key, a later one must name the same message), else indeterminate
         * if any may have been taken, else definitely refused.
         */
        Attempt settle(Attempt later) {
            if (acked() && later.acked()) {
                return new Attempt(seq, outcome, messageId, conflicting || !messageId.equals(later.messageId));
            }
            if (acked() || later.acked()) {
                return acked() ? this : later;
            }
            return indeterminate() ? this : later;
        }

        boolean acked() {
            return Ledger.OK.equals(outcome);
        }

        boolean indeterminate() {
            return Ledger.FAIL_INDETERMINATE.equals(outcome);
        }
    }
}
