package org.messagebroker.proxy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.messagebroker.proxy.http.ProxyException;

/** The body is read strictly, and what is wrong is said in the client's terms. */
class SubmitParserTest {

    @Test
    void aWellFormedBodyIsRead() {
        SubmitRequest request = SubmitParser.parse(utf8("{\"sender_number\":\"+4915200000000\",\"message_body\":\"grüß \\u00e9\","
                + "\"metadata\":{\"domain\":\"billing\"},\"ignored\":1}"));
        assertThat(request.messageBody()).isEqualTo("grüß é");
        assertThat(request.domain()).isEqualTo("billing");
    }

    @Test
    void overlongAndBrokenUtf8IsRefused() {
        // "A" spelled in two bytes (0xC1 0x81), a truncated sequence, and a surrogate encoded in UTF-8 (CESU-8)
        for (byte[] bad : new byte[][] {{(byte) 0xC1, (byte) 0x81}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            assertRefused(withBody(bad), "not valid UTF-8");
        }
    }

    @Test
    void duplicateKeysDeepNestingAndWrongTypesAreNamed() {
        assertRefused(utf8("{\"message_body\":\"a\",\"message_body\":\"b\"}"), "duplicate key");
        assertRefused(utf8("{\"metadata\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}"), "nested too deeply");
        assertRefused(utf8("{\"sender_number\":4915200000000}"), "sender_number has the wrong type");
        assertRefused(utf8("null"), "must be a JSON object");
        assertRefused(utf8("{"), "not valid JSON");
    }

    private static void assertRefused(byte[] body, String detail) {
        assertThatThrownBy(() -> SubmitParser.parse(body)).isInstanceOfSatisfying(ProxyException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    private static byte[] withBody(byte[] raw) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("{\"sender_number\":\"+4915200000000\",\"message_body\":\""));
        body.writeBytes(raw);
        body.writeBytes(utf8("\"}"));
        return body.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
