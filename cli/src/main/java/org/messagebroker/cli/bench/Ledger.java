package org.messagebroker.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON line per attempt, for {@code broker check}: what was sent (its marker, which is also its
 * body, and idempotency key) and what came back. Outcomes as in reliability.md §3.1: {@code ok} (202),
 * {@code fail-definite} (refused before the request was sent, or a 4xx: not stored) and
 * {@code fail-indeterminate} (a 5xx, or the connection failed after sending: may be stored). Each line
 * also carries the attempt's latency from its intended start, for latency over time in a soak.
 */
public final class Ledger implements AutoCloseable {

    public static final String SENDER = "+4915200000000";
    public static final String OK = "ok";
    public static final String FAIL_DEFINITE = "fail-definite";
    public static final String FAIL_INDETERMINATE = "fail-indeterminate";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BufferedWriter out;

    Ledger(Path file) {
        try {
            out = Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger " + file, e);
        }
    }

    /** The body of attempt {@code seq} of run {@code run}; the checker finds the run's messages by it. */
    public static String body(String run, long seq) {
        return markerPrefix(run) + seq;
    }

    public static String markerPrefix(String run) {
        return "chk:" + run + ":";
    }

    void answered(String run, long seq, String key, int status, String messageId, long latencyMicros) {
        String outcome = status == 202 ? OK : status >= 500 ? FAIL_INDETERMINATE : FAIL_DEFINITE;
        write(run, seq, key, outcome, Integer.toString(status), messageId, latencyMicros);
    }

    void failed(String run, long seq, String key, Throwable failure, long latencyMicros) {
        boolean notSent = failure instanceof ConnectException || failure instanceof SSLHandshakeException;
        write(run, seq, key, notSent ? FAIL_DEFINITE : FAIL_INDETERMINATE, failure.getClass().getSimpleName(), null,
                latencyMicros);
    }

    private void write(String run, long seq, String key, String outcome, String status, String messageId,
            long latencyMicros) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("run", run);
        line.put("seq", seq);
        line.put("idempotency_key", key);
        line.put("outcome", outcome);
        line.put("status", status);
        line.put("message_id", messageId);
        line.put("answered_at", Instant.now().toString());
        line.put("latency_us", latencyMicros);
        String text = JSON.writeValueAsString(line);
        synchronized (out) {
            try {
                out.write(text);
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
