package org.messagebroker.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@code maxFailures} wrong passwords within the window for one account
 * (at login, whether or not the e-mail exists, or as the current password of a password change), or
 * {@code maxAddressFailures} from one address, further attempts are refused until the window ends. The
 * address limit is higher because many people can share one address. So that a stranger's guesses
 * cannot lock the owner out, an account's lockout does not apply at an address it logged in from before
 * (since this server started; the last {@value #KNOWN_ADDRESSES} per account); that address's own limit
 * still does. Expired counts are dropped once the table passes {@value #PRUNE_ABOVE} entries, so guesses at
 * made-up accounts cannot fill memory.
 */
@Component
class LoginThrottle {

    static final int KNOWN_ADDRESSES = 16;
    static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final int maxAddressFailures;
    private final Duration window;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Map<String, List<String>> knownAddresses = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, ServerSettings.Login settings) {
        Duration window = settings.lockout();
        this.clock = clock;
        this.maxFailures = settings.maxFailures();
        this.maxAddressFailures = settings.maxAddressFailures();
        this.window = window;
    }

    /** Seconds until this login may be tried, or 0 if it may now. */
    long retryAfterSeconds(String email, String address) {
        Instant now = clock.instant();
        String account = "email:" + normalize(email);
        boolean knownAddress = knownAddresses.getOrDefault(account, List.of()).contains(address);
        long accountWait = knownAddress ? 0 : lockedFor(account, maxFailures, now);
        return Math.max(accountWait, lockedFor("ip:" + address, maxAddressFailures, now));
    }

    /** Counts a wrong password; answers until when the account is locked if this failure locked it, else null. */
    Instant failed(String email, String address) {
        Failures account = count("email:" + normalize(email));
        count("ip:" + address);
        return account.count() == maxFailures ? account.until() : null;
    }

    void succeeded(String email, String address) {
        String account = "email:" + normalize(email);
        failures.remove(account);
        // Each update writes a new list, so readers never see one half-changed.
        knownAddresses.compute(account, (k, known) -> Stream.concat(Stream.of(address),
                known == null ? Stream.empty() : known.stream().filter(a -> !a.equals(address)))
                .limit(KNOWN_ADDRESSES).toList());
    }

    /** Seconds until a password change by this user may check the current password again, or 0. */
    long passwordCheckRetryAfterSeconds(long userId, String address) {
        Instant now = clock.instant();
        return Math.max(lockedFor("user:" + userId, maxFailures, now), lockedFor("ip:" + address, maxAddressFailures, now));
    }

    void passwordCheckFailed(long userId, String address) {
        count("user:" + userId);
        count("ip:" + address);
    }

    private Failures count(String key) {
        Instant now = clock.instant();
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(f -> !f.until().isAfter(now));
        }
        return failures.compute(key, (k, f) -> f == null || !f.until().isAfter(now) ? new Failures(1, now.plus(window))
                : new Failures(f.count() + 1, f.until()));
    }

    private long lockedFor(String key, int limit, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.count() < limit || !f.until().isAfter(now)) {
            return 0;
        }
        return Math.max(1, Duration.between(now, f.until()).toSeconds());
    }

    int trackedCounts() {
        return failures.size();
    }

    private static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant until) {
    }
}
