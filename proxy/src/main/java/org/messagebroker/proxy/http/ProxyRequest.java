package org.messagebroker.proxy.http;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * One request as the endpoints see it, read whole: the client certificate the TLS handshake verified
 * (null only if there was none, which the handshake refuses), and the request's id.
 */
public record ProxyRequest(String method, String path, HttpHeaders headers, byte[] body,
        @Nullable ClientCertificate clientCertificate, String requestId) {

    public @Nullable String header(String name) {
        return headers.get(name);
    }

    /** The path segment after {@code prefix}, e.g. the id in {@code /api/v1/messages/{id}}. */
    public String pathAfter(String prefix) {
        return path.substring(prefix.length());
    }
}
