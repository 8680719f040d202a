package org.messagebroker.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The bench's connections, one slot per sending thread, kept from the warm-up into the measured run.
 * Client certificates are used round robin. With keep-alive a slot keeps its connection while the
 * server allows; without, every request opens (and handshakes) a connection of its own.
 */
final class Connections implements AutoCloseable {

    private final List<SSLSocketFactory> certificates;
    private final URI proxy;
    private final boolean keepAlive;
    private final HttpsConnection[] slots;

    Connections(List<SSLContext> certificates, URI proxy, boolean keepAlive, int threads) {
        this.certificates = certificates.stream().map(SSLContext::getSocketFactory).toList();
        this.proxy = proxy;
        this.keepAlive = keepAlive;
        this.slots = new HttpsConnection[threads];
    }

    /** The connection thread {@code slot} sends its next request on, opened if need be. */
    HttpsConnection forRequest(int slot) throws IOException {
        HttpsConnection current = slots[slot];
        if (current != null && current.reusable()) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        slots[slot] = null; // if opening fails, the closed connection must not be offered again
        slots[slot] = new HttpsConnection(certificates.get(certificateOf(slot)), proxy, keepAlive);
        return slots[slot];
    }

    /** The certificate thread {@code slot} sends with. */
    int certificateOf(int slot) {
        return slot % certificates.size();
    }

    /** After a failed request: the slot's connection is in an unknown state. */
    void discard(int slot) {
        if (slots[slot] != null) {
            slots[slot].close();
            slots[slot] = null;
        }
    }

    /** A connection with one of the certificates, for reading back the messages it sent. */
    HttpsConnection open(int certificate) throws IOException {
        return new HttpsConnection(certificates.get(certificate), proxy, keepAlive);
    }

    @Override
    public void close() {
        for (int slot = 0; slot < slots.length; slot++) {
            discard(slot);
        }
    }
}
