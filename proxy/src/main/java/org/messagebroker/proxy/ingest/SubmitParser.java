package org.messagebroker.proxy.ingest;

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
            request = STRICT.readValue(body, SubmitRequest.class);
        } catch (JacksonException e) {
            throw new ProxyException(400, explain(e));
        }
        if (request == null) {
            throw new ProxyException(400, "The request body must be a JSON object.");
        }
        return request;
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
