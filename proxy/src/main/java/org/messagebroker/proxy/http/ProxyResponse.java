package org.messagebroker.proxy.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: status, headers and body, written by {@link RequestHandler}. */
public record ProxyResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static ProxyResponse of(int status, String contentType, byte[] body) {
        return new ProxyResponse(status, contentType, body, new LinkedHashMap<>());
    }

    public ProxyResponse withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
