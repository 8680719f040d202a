package org.messagebroker.core.web;

import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Puts the main connector on {@link RequestDeadlineProtocol} with the given deadline; connectors added
 * by hand are created with {@link #connector(int)}'s protocol and settings. A single read also waits no
 * longer than the deadline (Tomcat's {@code connectionTimeout}): a thread blocked reading the body of a
 * request whose connection the deadline closed is freed then. Idle kept-alive connections stay a minute.
 */
public final class RequestDeadlines implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Duration deadline;

    public RequestDeadlines(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(RequestDeadlineProtocol.class.getName());
        factory.addConnectorCustomizers(this::limit);
    }

    /** A connector on {@link RequestDeadlineProtocol} with this deadline. */
    public Connector connector(int port) {
        Connector connector =
                new Connector(RequestDeadlineProtocol.class.getName());
        connector.setPort(port);
        limit(connector);
        return connector;
    }

    private void limit(Connector connector) {
        String millis = Long.toString(deadline.toMillis());
        connector.setProperty("requestDeadline", millis);
        connector.setProperty("connectionTimeout", millis);
        connector.setProperty("keepAliveTimeout", "60000");
    }
}
