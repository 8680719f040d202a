package org.messagebroker.server.user;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * At least 8 characters (the original's minimum) and at most 72 bytes: bcrypt reads no further, and a
 * password it would silently truncate is refused rather than half-checked.
 */
public final class PasswordPolicy {

    private PasswordPolicy() {
    }

    public static String check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < 8) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "password must have at least 8 characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "password must be at most 72 bytes in UTF-8");
        }
        return password;
    }
}
