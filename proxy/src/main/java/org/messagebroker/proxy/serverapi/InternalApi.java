package org.messagebroker.proxy.serverapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.proxy.ProxySettings;
import org.springframework.stereotype.Component;

/** The server's internal API as the proxy calls it: mutual TLS with the proxy's certificate, short timeouts. */
@Component
public class InternalApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http;
    private final URI base;

    InternalApi(ProxySettings settings) {
        ProxySettings.Tls tls = settings.tls();
        this.http = HttpClient.newBuilder().sslContext(TlsContexts.mutual(tls.certificate(), tls.privateKey(),
                        tls.caCertificate())).connectTimeout(Duration.ofSeconds(3)).build();
        this.base = settings.proxy().serverUrl();
    }

    /** GET on the internal API; throws {@link IOException} when the server cannot be reached. */
    public HttpResponse<byte[]> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** POST of a JSON body on the internal API; throws {@link IOException} when the server cannot be reached. */
    public HttpResponse<byte[]> post(String path, byte[] json) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
