package org.messagebroker.proxy.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.messagebroker.proxy.http.ProxyException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads the client's JSON strictly (duplicate keys, deep nesting and numbers where text belongs are
 * refused) and says what is wrong in the client's terms, never with parser or class names.
 */
public final class SubmitParser {

    private static final int MAX_NESTING_DEPTH = 32;
    private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private SubmitParser() {
    }

    public static SubmitRequest parse(byte[] body) {
        SubmitRequest request;
        try {
            request = STRICT.readValue(strictUtf8(body), SubmitRequest.class);
        } catch (JacksonException e) {
            throw new ProxyException(400, explain(e));
        }
        if (request == null) {
            throw new ProxyException(400, "The request body must be a JSON object.");
        }
        return request;
    }

    /**
     * The body as text, refused unless it is well-formed UTF-8: Jackson's own decoder would read an overlong
     * form (a second spelling of a character, the classic filter bypass) as the character it spells.
     */
    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProxyException(400, "The request body is not valid UTF-8.");
        }
    }

    private static String explain(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "The JSON is nested too deeply.";
        }
        if (e instanceof StreamReadException && e.getOriginalMessage().startsWith("Duplicate Object property")) {
            return "The JSON has a duplicate key.";
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "The field " + mismatch.getPath().getLast().getPropertyName()
                    + " has the wrong type (sender_number and message_body are strings, metadata an object).";
        }
        return "The request body is not valid JSON.";
    }
}
