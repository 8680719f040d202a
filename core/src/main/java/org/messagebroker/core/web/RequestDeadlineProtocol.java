package org.messagebroker.core.web;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 connector with a deadline on reading each request: its request line, headers and
 * body must arrive within {@code requestDeadline} milliseconds of its first byte, however slowly they
 * drip. Tomcat's own timeouts count from the last byte read, so one byte every few seconds would hold a
 * connection (and, while the body is read, a thread) for hours. The time the application then takes to
 * answer is not limited. Set with {@code connector.setProperty("requestDeadline", millis)}.
 */
public class RequestDeadlineProtocol extends Http11NioProtocol {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("request-deadline").factory());

    private final Set<DeadlineProcessor> reading = ConcurrentHashMap.newKeySet();
    private volatile long requestDeadline = 10_000;
    private ScheduledFuture<?> watching;

    @Override
    public void start() throws Exception {
        super.start();
        watching = WATCHDOG.scheduleWithFixedDelay(this::closeOverdue, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws Exception {
        if (watching != null) {
            watching.cancel(false);
        }
        super.stop();
    }

    public long getRequestDeadline() {
        return requestDeadline;
    }

    public void setRequestDeadline(long millis) {
        this.requestDeadline = millis;
    }

    @Override
    protected Processor createProcessor() {
        return new DeadlineProcessor(this);
    }

    private void closeOverdue() {
        reading.removeIf(processor -> processor.closeIfOverdue(requestDeadline));
    }

    /** Tracks its request from its first byte until the body has been read. */
    private static final class DeadlineProcessor extends Http11Processor {

        private final RequestDeadlineProtocol protocol;

        DeadlineProcessor(RequestDeadlineProtocol protocol) {
            super(protocol, protocol.getAdapter());
            this.protocol = protocol;
        }

        @Override
        public SocketState service(SocketWrapperBase<?> socket) throws IOException {
            if (overdue(protocol.requestDeadline)) {
                return SocketState.CLOSED;
            }
            protocol.reading.add(this);
            SocketState state = super.service(socket);
            // LONG: a request is still arriving and this processor stays with its connection.
            if (state != SocketState.LONG) {
                protocol.reading.remove(this);
            }
            return state;
        }

        private boolean overdue(long deadlineMillis) {
            long started = request.getStartTimeNanos();
            return started != -1 && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(deadlineMillis)
                    && !isRequestBodyFullyRead();
        }

        /** Closes the connection if its request is still being read after the deadline; true once done with. */
        boolean closeIfOverdue(long deadlineMillis) {
            SocketWrapperBase<?> socket = getSocketWrapper();
            if (socket == null || socket.isClosed()) {
                return true;
            }
            if (!overdue(deadlineMillis)) {
                return false;
            }
            socket.close();
            return true;
        }
    }
}
