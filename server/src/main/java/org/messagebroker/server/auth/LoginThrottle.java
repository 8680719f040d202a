package org.messagebroker.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within the window for one e-mail
 * (whether or not it exists), or {@code maxAddressFailures} from one address, further attempts are
 * refused until the window ends. The address limit is higher because many people can share one
 * address (every portal login reaches the server from the portal's).
 */
@Component
class LoginThrottle {

    private final Clock clock;
    private final int maxFailures;
    private final int maxAddressFailures;
    private final Duration window;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, @Value("${broker.login.max-failures:5}") int maxFailures,
            @Value("${broker.login.max-address-failures:100}") int maxAddressFailures,
            @Value("${broker.login.lockout:15m}") Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.maxAddressFailures = maxAddressFailures;
        this.window = window;
    }

    /** Seconds until the account or the address may try again, or 0 if it may now. */
    long retryAfterSeconds(String email, String address) {
        Instant now = clock.instant();
        return Math.max(lockedFor("email:" + normalize(email), maxFailures, now),
                lockedFor("ip:" + address, maxAddressFailures, now));
    }

    void failed(String email, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"email:" + normalize(email), "ip:" + address}) {
            failures.compute(key, (k, f) -> f == null || !f.until().isAfter(now) ? new Failures(1, now.plus(window))
                    : new Failures(f.count() + 1, f.until()));
        }
    }

    void succeeded(String email) {
        failures.remove("email:" + normalize(email));
    }

    private long lockedFor(String key, int limit, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.count() < limit || !f.until().isAfter(now)) {
            return 0;
        }
        return Math.max(1, Duration.between(now, f.until()).toSeconds());
    }

    private static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant until) {
    }
}
