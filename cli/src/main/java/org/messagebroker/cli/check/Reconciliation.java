package org.messagebroker.cli.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagebroker.cli.bench.Ledger;
import org.messagebroker.cli.check.LedgerFile.Attempt;
import org.messagebroker.cli.check.StoredRun.Row;

/**
 * The figures of reliability.md §3.2 for one run: the ledger (what clients were told) against
 * everything the database holds of the run. Lost, duplicated, unexpected and corrupted must all be 0.
 */
record Reconciliation(int attempted, int acked, int stored, int lost, int duplicates, int unexpected,
        int recovered, int deadLettered, int integrityFailures, int conflictingAcks, List<String> lostIds) {

    private static final int SHOWN_IDS = 20;

    static Reconciliation of(LedgerFile ledger, StoredRun db, String expectedSender) {
        Map<Long, List<Row>> bySeq = new HashMap<>();
        int unexpected = 0;
        int integrity = db.undecryptable();
        for (Row row : db.rows()) {
            Long seq = parse(row.seq());
            Attempt attempt = seq == null ? null : ledger.attempts().get(seq);
            if (attempt == null || Ledger.FAIL_DEFINITE.equals(attempt.outcome())) {
                unexpected++;
                continue;
            }
            if (!expectedSender.equals(row.senderNumber())) {
                integrity++;
            }
            bySeq.computeIfAbsent(seq, k -> new ArrayList<>()).add(row);
        }
        int acked = 0;
        int deadLettered = 0;
        int recovered = 0;
        List<String> lost = new ArrayList<>();
        for (Attempt attempt : ledger.attempts().values()) {
            List<Row> rows = bySeq.getOrDefault(attempt.seq(), List.of());
            if (attempt.acked()) {
                // Stored means stored under the id the client was given, which it will ask about.
                boolean stored = rows.stream().anyMatch(row -> row.messageId().equals(attempt.messageId()));
                acked++;
                if (!stored && db.deadLettered().contains(attempt.messageId())) {
                    deadLettered++;
                } else if (!stored) {
                    lost.add(attempt.messageId());
                }
            } else if (attempt.indeterminate() && !rows.isEmpty()) {
                recovered++;
            }
        }
        int duplicates = bySeq.values().stream().mapToInt(rows -> rows.size() - 1).sum();
        int conflicting = (int) ledger.attempts().values().stream().filter(Attempt::conflicting).count();
        return new Reconciliation(ledger.attempts().size(), acked, bySeq.size(), lost.size(), duplicates, unexpected,
                recovered, deadLettered, integrity, conflicting, lost.stream().limit(SHOWN_IDS).toList());
    }

    boolean holds() {
        return lost == 0 && duplicates == 0 && unexpected == 0 && integrityFailures == 0 && conflictingAcks == 0;
    }

    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("attempted", attempted);
        figures.put("acked", acked);
        figures.put("stored", stored);
        figures.put("lost", lost);
        figures.put("duplicates", duplicates);
        figures.put("unexpected", unexpected);
        figures.put("recovered", recovered);
        figures.put("dead_lettered", deadLettered);
        figures.put("integrity_failures", integrityFailures);
        figures.put("conflicting_acks", conflictingAcks);
        return figures;
    }

    private static Long parse(String seq) {
        try {
            return Long.parseLong(seq);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
