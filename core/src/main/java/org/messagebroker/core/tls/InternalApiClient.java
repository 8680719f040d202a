package org.messagebroker.core.tls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one client of the server's internal API, for the components that call it (the proxy, the worker):
 * mutual TLS with the component's own certificate, JSON bodies, bounded waits. Answers the raw response;
 * throws {@link IOException} when the server cannot be reached in time. A renewed certificate (its file
 * replaced) is used from the next call on, checked at most every {@value #RELOAD_CHECK_SECONDS} seconds.
 */
public final class InternalApiClient {

    static final int RELOAD_CHECK_SECONDS = 5;

    private final Path certificate;
    private final Path privateKey;
    private final Path caCertificate;
    private final URI base;
    private final Duration timeout;
    private volatile HttpClient http;
    private volatile FileTime loaded;
    private volatile long nextCheck;

    public InternalApiClient(URI base, Path certificate, Path privateKey, Path caCertificate, Duration timeout) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.caCertificate = caCertificate;
        this.base = base;
        this.timeout = timeout;
        load();
    }

    private void load() {
        loaded = modified();
        nextCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(RELOAD_CHECK_SECONDS);
        http = HttpClient.newBuilder().sslContext(TlsContexts.mutual(certificate, privateKey, caCertificate))
                .connectTimeout(timeout).build();
    }

    private synchronized void reloadIfReplaced() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return;
        }
        nextCheck = now + TimeUnit.SECONDS.toNanos(RELOAD_CHECK_SECONDS);
        FileTime current = modified();
        if (current != null && !current.equals(loaded)) {
            load();
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(certificate);
        } catch (IOException gone) {
            return null;
        }
    }

    public HttpResponse<byte[]> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public HttpResponse<byte[]> post(String path, byte[] json) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    public HttpResponse<byte[]> put(String path, byte[] json) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    public HttpResponse<byte[]> delete(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        reloadIfReplaced();
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
