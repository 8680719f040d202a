package org.messagebroker.cli.renewal;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate is due for renewal: a fixed time before it ends, or else once a share of its
 * lifetime has passed (two thirds by default, as step-ca's renewal daemon does).
 */
public record RenewalSchedule(double lifetimeShare, Duration before) {

    public static final double DEFAULT_SHARE = 2.0 / 3;

    public RenewalSchedule {
        if (before == null && (lifetimeShare <= 0 || lifetimeShare >= 1)) {
            throw new IllegalArgumentException("the share of the lifetime must be between 0 and 1");
        }
    }

    public Instant dueAt(X509Certificate certificate) {
        Instant from = certificate.getNotBefore().toInstant();
        Instant to = certificate.getNotAfter().toInstant();
        if (before != null) {
            return to.minus(before);
        }
        return from.plusMillis((long) (Duration.between(from, to).toMillis() * lifetimeShare));
    }
}
