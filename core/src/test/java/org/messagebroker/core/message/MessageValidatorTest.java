package org.messagebroker.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The input rules, with the original's test data (seed-spec §15) and the edge cases it missed. */
class MessageValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"+4915200000000", "+4915211111111", "+1234567890123", "+1234567", "+123456789012345"})
    void acceptsE164Numbers(String number) {
        assertThat(MessageValidator.validate(number, "Test message")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "+abc123", "+123", "+123456", "+1234567890123456", "+0123456789",
            "+4915200000000\n", " +4915200000000", "+49 152 0000000", "\uFF0B4915200000000", "+49152000\u0660\u0660\u0660",
            "+4915200000000\u0000", ""})
    void rejectsNumbersThatAreNotStrictE164(String number) {
        assertThat(MessageValidator.validate(number, "Test message"))
                .extracting(MessageValidator.FieldError::field).containsExactly("sender_number");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 999, 1000})
    void acceptsBodiesUpTo1000Characters(int length) {
        assertThat(MessageValidator.validate("+4915200000000", "A".repeat(length))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n  ", "\u3000", "\u00A0\u2007\u202F", "\u200B\u200D\uFEFF", "\u3164\u2800",
            "\u2028\u2029"})
    void rejectsEmptyAndBlankBodiesWhateverTheirSpaces(String body) {
        assertThat(MessageValidator.validate("+4915200000000", body))
                .extracting(MessageValidator.FieldError::field).containsExactly("message_body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello\u0000", "\u001B[31mred", "bell\u0007", "del\u007F", "c1\u0085"})
    void rejectsControlCharacters(String body) {
        assertThat(MessageValidator.validate("+4915200000000", body)).singleElement()
                .satisfies(error -> assertThat(error.reason()).contains("control characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lone \uD800 high", "lone \uDC00 low", "reversed \uDE00\uD83D", "end \uD83D"})
    void rejectsUnpairedSurrogates(String body) {
        assertThat(MessageValidator.validate("+4915200000000", body)).singleElement()
                .satisfies(error -> assertThat(error.reason()).contains("well-formed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two\r\n\ttabbed", "\u3000indented", "emoji \uD83D\uDE00", "\u200Bzero width"})
    void acceptsTextWithAllowedSpacingAndSomethingToShow(String body) {
        assertThat(MessageValidator.validate("+4915200000000", body)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1001, 5000})
    void rejectsBodiesOver1000Characters(int length) {
        List<MessageValidator.FieldError> errors = MessageValidator.validate("+4915200000000", "A".repeat(length));
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("message_body");
            assertThat(error.reason()).contains(Integer.toString(length)).contains("1000");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001})
    void countsCodePointsNotUtf16Units(int emojis) {
        String body = "\uD83D\uDE00".repeat(emojis);
        assertThat(MessageValidator.validate("+4915200000000", body)).hasSize(emojis > 1000 ? 1 : 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sender_number", "message_body"})
    void reportsMissingFieldsAsRequired(String field) {
        List<MessageValidator.FieldError> errors = field.equals("sender_number")
                ? MessageValidator.validate(null, "body") : MessageValidator.validate("+4915200000000", null);
        assertThat(errors).singleElement()
                .isEqualTo(new MessageValidator.FieldError(field, "is required"));
    }
}
