package org.messagebroker.proxy.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the proxy refuses, answered as problem details: the status, what to tell the client, and any
 * extra problem members ({@code errors}, {@code retry_after}) and headers ({@code Retry-After}).
 */
public class ProxyException extends RuntimeException {

    private final int status;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProxyException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public ProxyException with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    public ProxyException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    Map<String, Object> properties() {
        return properties;
    }

    Map<String, String> headers() {
        return headers;
    }
}
