package org.messagebroker.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client API's input rules (seed-spec §2.1 with its recommended fixes): an E.164 sender number
 * of 8–16 ASCII characters and a body of 1–1000 Unicode code points that is not blank.
 */
public final class MessageValidator {

    public static final int MAX_BODY_CODE_POINTS = 1000;
    // \d would accept other scripts' digits with UNICODE_CHARACTER_CLASS; spell out ASCII. \z, not $,
    // so a trailing newline is not accepted.
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}\\z");
    private static final int MIN_NUMBER_LENGTH = 8;
    private static final int MAX_NUMBER_LENGTH = 16;

    private MessageValidator() {
    }

    public static List<FieldError> validate(String senderNumber, String messageBody) {
        List<FieldError> errors = new ArrayList<>(2);
        senderNumberError(senderNumber).ifPresent(errors::add);
        messageBodyError(messageBody).ifPresent(errors::add);
        return errors;
    }

    static Optional<FieldError> senderNumberError(String number) {
        if (number == null) {
            return Optional.of(new FieldError("sender_number", "is required"));
        }
        if (number.length() < MIN_NUMBER_LENGTH || number.length() > MAX_NUMBER_LENGTH
                || !E164.matcher(number).matches()) {
            return Optional.of(new FieldError("sender_number",
                    "must be in E.164 format: '+' then 7 to 15 ASCII digits, the first not 0 (e.g. +4915200000000)"));
        }
        return Optional.empty();
    }

    static Optional<FieldError> messageBodyError(String body) {
        if (body == null) {
            return Optional.of(new FieldError("message_body", "is required"));
        }
        if (body.isBlank()) {
            return Optional.of(new FieldError("message_body", "must not be empty or only whitespace"));
        }
        int length = body.codePointCount(0, body.length());
        if (length > MAX_BODY_CODE_POINTS) {
            return Optional.of(new FieldError("message_body",
                    "has " + length + " characters; at most " + MAX_BODY_CODE_POINTS + " are allowed"));
        }
        return Optional.empty();
    }

    /** One rejected field and the reason, as shown to the client. */
    public record FieldError(String field, String reason) {
    }
}
