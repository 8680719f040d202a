package org.messagebroker.proxy.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.messagebroker.core.message.MessageValidator.FieldError;

/** The {@code Idempotency-Key} header: its rules, and the digest that tells one request from another. */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKeys() {
    }

    /** The key, or null without the header; a malformed key is a 400. */
    static String parse(String header) {
        if (header == null) {
            return null;
        }
        if (!KEY.matcher(header).matches()) {
            throw new InvalidMessageException(List.of(new FieldError(HEADER,
                    "must be 1 to 255 visible ASCII characters without spaces")));
        }
        return header;
    }

    /** SHA-256 over what the message says, so the same request retried matches and a different one does not. */
    static String requestHash(SubmitRequest request) {
        String canonical = request.senderNumber() + "\u0000" + request.messageBody() + "\u0000" + request.domain();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key was used before for a different request; answered with 422. */
    static class ReusedKeyException extends RuntimeException {
        ReusedKeyException() {
            super("This Idempotency-Key was used for a different request in the last 24 hours; use a new key.");
        }
    }
}
