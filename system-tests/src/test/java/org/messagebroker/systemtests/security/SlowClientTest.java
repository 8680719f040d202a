package org.messagebroker.systemtests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.messagebroker.cli.run.Role;
import org.messagebroker.core.tls.TlsContexts;
import org.messagebroker.systemtests.harness.BrokerExtension;
import org.messagebroker.systemtests.harness.RunningBroker;

/**
 * A client dripping its request a byte at a time is cut off at the request deadline on every port: it
 * holds no connection (nor, while a body is read, a thread) for longer. Deadlines of 2 s here.
 */
@Tag("security")
class SlowClientTest {

    private static final long DEADLINE_MILLIS = 2_000;

    static Path dir;
    @RegisterExtension
    static final BrokerExtension running = new BrokerExtension(List.of(Role.SERVER, Role.PROXY, Role.PORTAL),
            Map.of("PROXY_REQUEST_DEADLINE", "2s", "HTTP_REQUEST_DEADLINE", "2s"));
    static RunningBroker broker;

    @BeforeAll
    static void start() {
        broker = running.get();
        dir = broker.dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy", "server", "internal", "portal"})
    void dripSlowHeadersAndTheConnectionIsClosedAtTheDeadline(String port) throws Exception {
        long held = drip(port, "GET /health HTTP/1.1\r\nHost: localhost\r\n", "X-Slow: " + "a".repeat(60) + "\r\n");
        assertThat(held).as("ms the connection stayed open").isBetween(DEADLINE_MILLIS - 200, DEADLINE_MILLIS + 2_500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy", "server", "portal"})
    void dripASlowBodyAndTheConnectionIsClosedAtTheDeadline(String port) throws Exception {
        String target = switch (port) {
            case "proxy" -> "/api/v1/messages HTTP/1.1\r\nContent-Type: application/json";
            case "server" -> "/portal/auth/login HTTP/1.1\r\nContent-Type: application/json";
            // The form's CSRF check reads the body.
            default -> "/login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded";
        };
        String body = port.equals("portal") ? "a=" + "b".repeat(58) : "{\"email\":\"" + "b".repeat(48) + "\"}";
        long held = drip(port, "POST " + target + "\r\nHost: localhost\r\nContent-Length: 60\r\n\r\n", body);
        assertThat(held).as("ms the connection stayed open").isBetween(DEADLINE_MILLIS - 200, DEADLINE_MILLIS + 2_500);
    }

    /** Sends {@code start} at once, then {@code slowly} a byte every 250 ms; answers how long until the server closed. */
    private static long drip(String port, String start, String slowly) throws Exception {
        try (SSLSocket socket = socket(port)) {
            socket.setSoTimeout(250);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long began = System.nanoTime();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (byte b : slowly.getBytes(StandardCharsets.US_ASCII)) {
                try {
                    out.write(b);
                    out.flush();
                    if (in.read() == -1) {
                        break;
                    }
                    // The server answered something (a 408 or an error) before the request was complete.
                    break;
                } catch (SocketTimeoutException stillOpen) {
                    // Nothing to read yet: the connection is still open.
                } catch (IOException closed) {
                    break;
                }
            }
            return (System.nanoTime() - began) / 1_000_000;
        }
    }

    private static SSLSocket socket(String port) throws Exception {
        SSLContext tls = switch (port) {
            case "proxy" -> TlsContexts.mutual(dir.resolve("demo-client.crt"), dir.resolve("demo-client.key"),
                    dir.resolve("ca.crt"));
            case "internal" -> TlsContexts.mutual(dir.resolve("tls/worker.crt"), dir.resolve("tls/worker.key"),
                    dir.resolve("ca.crt"));
            default -> TlsContexts.trusting(dir.resolve("ca.crt"));
        };
        int number = switch (port) {
            case "proxy" -> broker.proxyPort;
            case "server" -> broker.serverPort;
            case "internal" -> broker.internalPort;
            default -> broker.portalPort;
        };
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", number);
        socket.startHandshake();
        return socket;
    }
}
