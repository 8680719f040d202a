package org.messagebroker.proxy.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.messagebroker.core.errors.Refusal;

/**
 * A request the proxy refuses for reasons of its own (a malformed path, a body that is not JSON, a server
 * it cannot reach), answered as problem details: the status, what to tell the client, and any extra
 * problem members and headers ({@code Retry-After}).
 */
public class ProxyException extends RuntimeException {

    private final int status;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProxyException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    ProxyException(Refusal refusal) {
        this(refusal.status(), refusal.detail());
        properties.putAll(refusal.properties());
        headers.putAll(refusal.headers());
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

    Refusal refusal() {
        return new Refusal(status, getMessage(), properties, headers);
    }
}
