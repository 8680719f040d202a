package org.messagebroker.server.auth;

/** Too many wrong passwords: answered 429 with when to try again. */
public class TooManyAttempts extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyAttempts(String what, long retryAfterSeconds) {
        super("Too many " + what + "; try again in " + retryAfterSeconds + " seconds.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
