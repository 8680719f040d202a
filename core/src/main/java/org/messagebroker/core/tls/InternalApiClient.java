package org.messagebroker.core.tls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one client of the server's internal API, for the components that call it (the proxy, the worker):
 * mutual TLS with the component's own certificate, JSON bodies, bounded waits. Answers the raw response;
 * throws {@link IOException} when the server cannot be reached in time.
 */
public final class InternalApiClient {

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    public InternalApiClient(URI base, Path certificate, Path privateKey, Path caCertificate, Duration timeout) {
        this.http = HttpClient.newBuilder().sslContext(TlsContexts.mutual(certificate, privateKey, caCertificate))
                .connectTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
    }

    public HttpResponse<byte[]> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public HttpResponse<byte[]> post(String path, byte[] json) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
