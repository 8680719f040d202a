package org.messagebroker.cli.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection over mutual TLS, used by one thread at a time. The bench shares two cores
 * with the broker it measures; the JDK's HttpClient spent more CPU per request than the whole broker,
 * so the bench speaks the little HTTP it needs itself: a request, then status, headers and body.
 */
final class HttpsConnection implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final String connectionHeader;
    private boolean open = true;
    private boolean used;

    /** Without {@code keepAlive} the request asks the server to close the connection after answering. */
    HttpsConnection(SSLSocketFactory factory, URI server, boolean keepAlive) throws IOException {
        socket = (SSLSocket) factory.createSocket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
        host = server.getHost() + ":" + server.getPort();
        connectionHeader = keepAlive ? "" : "Connection: close\r\n";
    }

    /** Whether another request may go on this connection. */
    boolean reusable() {
        return open && (!used || connectionHeader.isEmpty());
    }

    Response post(String path, byte[] json, String idempotencyKey) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + connectionHeader
                + "Content-Type: application/json\r\n"
                + (idempotencyKey == null ? "" : "Idempotency-Key: " + idempotencyKey + "\r\n")
                + "Content-Length: " + json.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
        return read();
    }

    Response get(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + connectionHeader + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        used = true;
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                open = false;
            }
        }
        byte[] body = chunked ? chunkedBody() : in.readNBytes(Math.max(length, 0));
        return new Response(code, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        while (!line().isEmpty()) {
            // trailers
        }
        return body.toByteArray();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    record Response(int status, String body) {
    }
}
