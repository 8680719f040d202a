package org.messagebroker.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client API's input rules (seed-spec §2.1 with its recommended fixes): an E.164 sender number
 * of 8–16 ASCII characters and a body of 1–1000 Unicode code points that says something: well-formed
 * text (no unpaired surrogate), no control characters but tab, line feed and carriage return, and at
 * least one character that is neither a space, a format character nor a blank filler.
 */
public final class MessageValidator {

    public static final int MAX_BODY_CODE_POINTS = 1000;
    // \d would accept other scripts' digits with UNICODE_CHARACTER_CLASS; spell out ASCII. \z, not $,
    // so a trailing newline is not accepted.
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}\\z");
    private static final int MIN_NUMBER_LENGTH = 8;
    private static final int MAX_NUMBER_LENGTH = 16;
    /** Letters that render as nothing (Hangul fillers, the blank Braille pattern). */
    private static final Set<Integer> BLANK_FILLERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

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
        if (!wellFormed(body)) {
            return Optional.of(new FieldError("message_body", "is not well-formed text (an unpaired surrogate)"));
        }
        if (body.codePoints().anyMatch(MessageValidator::forbiddenControl)) {
            return Optional.of(new FieldError("message_body",
                    "must not contain control characters (tab, line feed and carriage return are allowed)"));
        }
        if (body.codePoints().noneMatch(MessageValidator::visible)) {
            return Optional.of(new FieldError("message_body", "must not be empty or only whitespace"));
        }
        int length = body.codePointCount(0, body.length());
        if (length > MAX_BODY_CODE_POINTS) {
            return Optional.of(new FieldError("message_body",
                    "has " + length + " characters; at most " + MAX_BODY_CODE_POINTS + " are allowed"));
        }
        return Optional.empty();
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean forbiddenControl(int c) {
        return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
    }

    /** Shows something: not a space of any kind, not a control or format character, not a blank filler. */
    private static boolean visible(int c) {
        int type = Character.getType(c);
        return !Character.isWhitespace(c) && !Character.isSpaceChar(c) && type != Character.CONTROL
                && type != Character.FORMAT && !BLANK_FILLERS.contains(c);
    }

    /** One rejected field and the reason, as shown to the client. */
    public record FieldError(String field, String reason) {
    }
}
