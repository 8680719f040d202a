package org.messagebroker.cli.renewal;

import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.messagebroker.cli.renewal.OwnCertificateRenewal.RenewalException;

/**
 * {@code broker certs renew --cert …}: renews once, or with {@code --watch} keeps the certificate fresh: it
 * sleeps until the certificate is due (re-reading the file at least every {@code checkEvery}, in case it
 * was replaced), renews, and after a failure tries again after 1, 2, 4 … minutes, at most an hour apart.
 */
public final class RenewalAgent {

    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

    private final OwnCertificateRenewal renewal;
    private final RenewalSchedule schedule;
    private final Duration checkEvery;
    private final Clock clock;
    private final PrintStream out;

    public RenewalAgent(OwnCertificateRenewal renewal, RenewalSchedule schedule, Duration checkEvery, Clock clock,
            PrintStream out) {
        this.renewal = renewal;
        this.schedule = schedule;
        this.checkEvery = checkEvery;
        this.clock = clock;
        this.out = out;
    }

    /** Renews now; answers the exit status. */
    public int once() {
        try {
            report(renewal.renew());
            return 0;
        } catch (RenewalException e) {
            out.println("Not renewed: " + e.getMessage());
            return 1;
        }
    }

    /** Renews whenever due, until interrupted; answers the exit status (0 when stopped). */
    public int watch() {
        Duration retry = FIRST_RETRY;
        while (!Thread.currentThread().isInterrupted()) {
            Instant due = schedule.dueAt(renewal.current());
            Duration wait = Duration.between(clock.instant(), due);
            if (wait.isPositive()) {
                sleep(wait.compareTo(checkEvery) < 0 ? wait : checkEvery);
                continue;
            }
            try {
                report(renewal.renew());
                retry = FIRST_RETRY;
            } catch (RenewalException e) {
                out.println("Not renewed: " + e.getMessage() + "; trying again in " + retry.toMinutes() + " min");
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) < 0 ? retry.multipliedBy(2) : LONGEST_RETRY;
            }
        }
        return 0;
    }

    private void report(X509Certificate renewed) {
        out.println("Renewed: serial " + renewed.getSerialNumber().toString(16) + ", valid until "
                + renewed.getNotAfter().toInstant() + "; next renewal due " + schedule.dueAt(renewed));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 12h} or {@code 7d}. */
    public static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a duration is a number and s, m, h or d, e.g. 12h or 7d: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
