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
 * {@code fail-indeterminate} (a 5xx, or the connection failed after sending: may be stored).
 */
public final class Ledger implements AutoCloseable {

    public static final String SENDER = "+4915200000000";
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

    void answered(String run, long seq, String key, int status, String messageId) {
        String outcome = status == 202 ? "ok" : status >= 500 ? "fail-indeterminate" : "fail-definite";
        write(run, seq, key, outcome, Integer.toString(status), messageId);
    }

    void failed(String run, long seq, String key, Throwable failure) {
        boolean notSent = failure instanceof ConnectException || failure instanceof SSLHandshakeException;
        write(run, seq, key, notSent ? "fail-definite" : "fail-indeterminate", failure.getClass().getSimpleName(), null);
    }

    private void write(String run, long seq, String key, String outcome, String status, String messageId) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("run", run);
        line.put("seq", seq);
        line.put("idempotency_key", key);
        line.put("outcome", outcome);
        line.put("status", status);
        line.put("message_id", messageId);
        line.put("answered_at", Instant.now().toString());
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
