package org.messagebroker.cli.bench;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.messagebroker.core.tls.TlsContexts;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code broker bench}: a load generator for the proxy, shipped with the product. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Sends messages to a proxy over mutual TLS and reports throughput, submission latency",
                "(HdrHistogram; at a fixed --rate corrected for coordinated omission) and errors by kind. With",
                "--end-to-end it then waits until every accepted message is stored and reports accepted -> stored",
                "latency and how long the burst took to drain. Prints a table and one JSON line.",
                "Exit 1 if --end-to-end finds an accepted message not stored within --timeout.",
                "Ctrl-C (or SIGTERM) ends the run early: what is in flight is answered, and the report and the",
                "ledger still cover everything sent."})
public class BenchCommand implements Callable<Integer> {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", defaultValue = "https://localhost:8001", description = "The proxy (default: ${DEFAULT-VALUE}).")
    URI proxy;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:BROKER_DATA_DIR:-./data}",
            description = "Where ca.crt and the client certificates (NAME.crt, NAME.key) are (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--client-cert", paramLabel = "NAME", split = ",", defaultValue = "demo-client",
            description = "Client certificates to send with, round robin (default: ${DEFAULT-VALUE}).")
    List<String> certificates;

    @Option(names = "--count", defaultValue = "10000", description = "Messages to send (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--duration", converter = SimpleDuration.class, description = "Stop sending after this long (e.g. 60s), whatever --count says.")
    Duration duration;

    @Option(names = "--rate", defaultValue = "0", description = "Messages per second; 0 = as fast as possible (default).")
    double rate;

    @Option(names = "--concurrency", defaultValue = "64", description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--keep-alive", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Reuse connections (default); --no-keep-alive opens a new TLS connection per request.")
    boolean keepAlive;

    @Option(names = "--warmup", converter = SimpleDuration.class, description = {"First send for this long at the same",
            "rate without measuring, so the JIT and connections of both sides are warm (e.g. 10s)."})
    Duration warmup;

    @Option(names = "--end-to-end", description = "Wait for every accepted message to be stored, and measure it.")
    boolean endToEnd;

    @Option(names = "--timeout", defaultValue = "120s", converter = SimpleDuration.class, description = "How long --end-to-end waits (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--ledger", paramLabel = "FILE", description = {"Write every attempt and its outcome to FILE (JSON lines) for",
            "`broker check`; requests then carry an Idempotency-Key."})
    Path ledgerFile;

    @Option(names = "--retries", defaultValue = "0", description = {"Send a request that got no answer, a 429 or a 5xx",
            "again with the same Idempotency-Key up to this many times (backing off from 100 ms to 1 s); the",
            "ledger records every attempt (default: ${DEFAULT-VALUE})."})
    int retries;

    @Option(names = "--run-id", paramLabel = "ID", description = "Names this run in message bodies (chk:ID:SEQ); default random.")
    String runId;

    @Override
    public Integer call() throws Exception {
        try (Connections connections = new Connections(certificates.stream().map(name -> TlsContexts.mutual(
                dataDir.resolve(name + ".crt"), dataDir.resolve(name + ".key"), dataDir.resolve("ca.crt"))).toList(),
                proxy, keepAlive, concurrency)) {
            return measure(connections);
        }
    }

    private int measure(Connections connections) throws InterruptedException {
        if (runId != null && !runId.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--run-id must be 1 to 40 letters, digits, '_' or '-'");
        }
        if (retries > 0 && ledgerFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--retries needs --ledger: only ledger requests carry the Idempotency-Key that makes a retry safe");
        }
        String run = runId != null ? runId : HexFormat.of().toHexDigits(new SecureRandom().nextInt());
        if (warmup != null) {
            LoadRun.Result warm = new LoadRun(connections, concurrency, rate, run + "-warmup", null, 0).run(Long.MAX_VALUE, warmup);
            System.out.printf("warm-up: %d sent, %d accepted in %s (not counted)%n", warm.sent(), warm.accepted().size(), warmup);
        }
        CountDownLatch reported = new CountDownLatch(1);
        Thread stopOnSignal = null;
        try {
            LoadRun.Result load;
            try (Ledger ledger = ledgerFile == null ? null : new Ledger(ledgerFile)) {
                LoadRun measured = new LoadRun(connections, concurrency, rate, run, ledger, retries);
                stopOnSignal = new Thread(() -> stopAndAwait(measured, reported));
                Runtime.getRuntime().addShutdownHook(stopOnSignal);
                load = measured.run(count, duration);
            }
            return report(connections, run, load);
        } finally {
            reported.countDown();
            removeHook(stopOnSignal);
        }
    }

    /** On SIGINT or SIGTERM: no more requests, and the JVM waits (a while) for the ledger and the report. */
    private static void stopAndAwait(LoadRun load, CountDownLatch reported) {
        load.stop();
        try {
            reported.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            if (hook != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it is what waits for this report
        }
    }

    private int report(Connections connections, String run, LoadRun.Result load) throws InterruptedException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("run", run);
        report.put("sent", load.sent());
        report.put("accepted", load.accepted().size());
        report.put("seconds", round(load.elapsed().toNanos() / 1e9));
        report.put("accepted_per_second", round(load.acceptedPerSecond()));
        report.put("rate_target", rate);
        report.put("concurrency", concurrency);
        report.put("keep_alive", keepAlive);
        report.put("submit_latency_ms", percentiles(load.latency(), 1000.0));
        report.put("errors", load.errors());
        boolean allStored = true;
        if (endToEnd) {
            StoredCheck.Result stored = new StoredCheck(connections, concurrency)
                    .await(load.accepted(), timeout);
            report.put("stored", stored.stored());
            report.put("not_stored", stored.missing());
            report.put("stored_latency_ms", percentiles(stored.storedMillis(), 1.0));
            report.put("drain_seconds", round(stored.drain().toMillis() / 1000.0));
            allStored = stored.missing() == 0;
        }
        print(report);
        return allStored ? 0 : 1;
    }

    private static Map<String, Object> percentiles(Histogram histogram, double perMillisecond) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (histogram.getTotalCount() == 0) {
            return values;
        }
        for (double p : new double[] {50, 90, 99, 99.9}) {
            values.put("p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)),
                    round(histogram.getValueAtPercentile(p) / perMillisecond));
        }
        values.put("max", round(histogram.getMaxValue() / perMillisecond));
        return values;
    }

    private static void print(Map<String, Object> report) {
        report.forEach((key, value) -> System.out.printf("%-22s %s%n", key, value));
        System.out.println(JsonMapper.builder().build().writeValueAsString(report));
    }

    /** Durations as the settings write them: 500ms, 60s, 5m. */
    public static final class SimpleDuration implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationStyle.SIMPLE.parse(value);
        }
    }

    /** To hundredths, for the report. */
    public static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
