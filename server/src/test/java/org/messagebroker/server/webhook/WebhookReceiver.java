package org.messagebroker.server.webhook;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import org.messagebroker.core.tls.PemFiles;
import org.messagebroker.server.ca.CertificateAuthority;
import org.messagebroker.server.ca.ComponentRole;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * A webhook receiver for tests: HTTPS on loopback with a certificate from a CA of its own (its PEM in
 * {@link #caFile()}), recording every request and answering the statuses it was told to, else 204.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpsServer server;
    private final Path caFile;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    public WebhookReceiver(Path dir) {
        try {
            CertificateAuthority ca = CertificateAuthority.create(Instant.now(), CertificateAuthority.KeyType.ecp256);
            KeyPair pair = CertificateAuthority.newLeafKeyPair();
            caFile = dir.resolve("receiver-ca.crt");
            PemFiles.writePublic(caFile, PemFiles.pem(ca.certificate()));
            PemFiles.writePublic(dir.resolve("receiver.crt"), PemFiles.pem(ca.issueComponent(
                    ComponentRole.forName("server").orElseThrow(), "CN=localhost", pair.getPublic(), Instant.now(),
                    Duration.ofDays(1), List.of("localhost"), List.of("127.0.0.1"))));
            PemFiles.writeOwnerOnly(dir.resolve("receiver.key"), PemFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverContext(dir)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            received.add(new Received(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Integer status;
            synchronized (answers) {
                status = answers.poll();
            }
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        server.start();
    }

    private static SSLContext serverContext(Path dir) {
        return SslBundle.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate("file:" + dir.resolve("receiver.crt"))
                .withPrivateKey("file:" + dir.resolve("receiver.key")), null)).createSslContext();
    }

    public Path caFile() {
        return caFile;
    }

    public String url(String path) {
        return "https://localhost:" + server.getAddress().getPort() + path;
    }

    /** The next requests are answered with these statuses, in order. */
    public void answerNext(Integer... statuses) {
        synchronized (answers) {
            answers.addAll(List.of(statuses));
        }
    }

    /** Answers 204 from now on. */
    public void clearAnswers() {
        synchronized (answers) {
            answers.clear();
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Checks a request's signature the way a receiver would, written out here rather than borrowed from the server. */
    public static boolean signedWith(Received request, String secret) {
        String[] parts = request.header("Broker-Signature").split(",");
        String timestamp = parts[0].substring("t=".length());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts[1].substring("v1=".length())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
