package org.messagebroker.cli.bench;

import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * The bench's HTTP clients, one per client certificate, used round robin. With keep-alive every
 * certificate keeps its connections open; without, each request gets a client (and so a connection and
 * TLS handshake) of its own, closed once it has answered.
 */
final class Connections {

    private final List<SSLContext> certificates;
    private final List<HttpClient> shared;
    private final boolean keepAlive;
    private final Executor executor;

    Connections(List<SSLContext> certificates, boolean keepAlive, Executor executor) {
        this.certificates = certificates;
        this.keepAlive = keepAlive;
        this.executor = executor;
        this.shared = certificates.stream().map(this::newClient).toList();
    }

    /** The client for the {@code n}th request. */
    HttpClient acquire(long n) {
        int certificate = (int) (n % certificates.size());
        return keepAlive ? shared.get(certificate) : newClient(certificates.get(certificate));
    }

    /** Called once the {@code client}'s request has answered. */
    void release(HttpClient client) {
        if (!keepAlive) {
            client.shutdown();
        }
    }

    HttpClient first() {
        return shared.getFirst();
    }

    private HttpClient newClient(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    }
}
