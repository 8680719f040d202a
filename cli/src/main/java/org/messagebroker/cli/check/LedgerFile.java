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

/** A ledger written by {@code broker bench --ledger}: one attempt per line, all of one run. */
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
            attempts.put(seq, new Attempt(seq, node.path("outcome").asString(),
                    node.path("message_id").isString() ? node.path("message_id").asString() : null));
        }
        return new LedgerFile(run, attempts, first);
    }

    /** {@code outcome}: ok, fail-definite or fail-indeterminate; {@code messageId} only when ok. */
    record Attempt(long seq, String outcome, String messageId) {

        boolean acked() {
            return Ledger.OK.equals(outcome);
        }

        boolean indeterminate() {
            return Ledger.FAIL_INDETERMINATE.equals(outcome);
        }
    }
}
