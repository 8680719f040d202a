package org.messagebroker.server.user;

import java.nio.charset.StandardCharsets;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;
import org.messagebroker.core.errors.Rejection;

/**
 * At least 8 characters (Message Broker 1.0's minimum), at most 72 bytes (bcrypt reads no further, and a
 * password it would silently truncate is refused rather than half-checked), and not guessable: nbvcxz
 * (zxcvbn's estimator, with its lists of common passwords, words and names and its keyboard and
 * sequence patterns) must find at least its default entropy in it, so {@code password}, {@code 12345678}
 * and {@code qwertyuiop} are refused.
 */
public final class PasswordPolicy {

    private PasswordPolicy() {
    }

    public static String check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < 8) {
            throw refused("password must have at least 8 characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw refused("password must be at most 72 bytes in UTF-8");
        }
        Result strength = Estimator.INSTANCE.estimate(password);
        if (!strength.isMinimumEntropyMet()) {
            String hint = strength.getFeedback().getWarning();
            throw refused("password is too easy to guess" + (hint == null || hint.isBlank() ? "" : ": " + hint)
                    + "; use a longer phrase or a password manager's random password");
        }
        return password;
    }

    private static Rejection refused(String detail) {
        return new Rejection.Invalid(detail);
    }

    /** Its dictionaries take a moment to load: once, on the first check. */
    private static final class Estimator {
        static final Nbvcxz INSTANCE = new Nbvcxz();
    }
}
