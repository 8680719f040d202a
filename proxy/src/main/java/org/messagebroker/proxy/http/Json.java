package org.messagebroker.proxy.http;

import tools.jackson.databind.json.JsonMapper;

/** JSON in and out of the proxy's endpoints. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String TYPE = "application/json";

    private Json() {
    }

    public static ProxyResponse response(int status, Object body) {
        return ProxyResponse.of(status, TYPE, MAPPER.writeValueAsBytes(body));
    }

    /** A body that is not declared as JSON is refused with 415, whatever it holds. */
    public static void requireJson(ProxyRequest request) {
        String type = request.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip();
        if (!mediaType.equalsIgnoreCase(TYPE)) {
            throw new ProxyException(415, "The request body must be JSON, sent with Content-Type: application/json.");
        }
    }
}
