package org.messagebroker.proxy.ingest;

import org.messagebroker.core.message.MessageValidator;
import tools.jackson.databind.json.JsonMapper;

/** The request handling that does not need a connection, as one call for the fuzz tests to drive. */
public final class IngestFuzzing {

    private IngestFuzzing() {
    }

    /** Binds and validates a body as {@code POST /api/v1/messages} does, up to the seal. */
    public static void parseAndValidate(JsonMapper json, byte[] body) {
        SubmitRequest request = json.readValue(body, SubmitRequest.class);
        if (request == null) {
            return;
        }
        if (MessageValidator.validate(request.senderNumber(), request.messageBody()).isEmpty()) {
            IdempotencyKeys.requestHash(request);
        }
        request.domain();
    }
}
