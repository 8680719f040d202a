package org.messagebroker.server.web;

import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;
import org.messagebroker.core.web.RequestDeadlines;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl.ClientAuth;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A second HTTPS connector for the internal API that requires a client certificate from our CA.
 * Keeping it on its own port lets operators firewall it to the proxy and worker hosts.
 */
@Configuration(proxyBeanMethods = false)
class InternalConnectorConfiguration {

    static final String BUNDLE = "internal";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> internalConnector(SslBundles bundles,
            ServerSettings settings, RequestDeadlines deadlines) {
        return factory -> {
            Connector connector = deadlines.connector(settings.internal().port());
            connector.setScheme("https");
            connector.setSecure(true);
            // Workers keep their connections; Tomcat's default of 100 requests each means a handshake per 100 batches.
            connector.setProperty("maxKeepAliveRequests", "10000");
            SslConnectorCustomizer ssl = new SslConnectorCustomizer(LogFactory.getLog(getClass()), connector,
                    ClientAuth.NEED);
            ssl.customize(bundles.getBundle(BUNDLE), Map.of());
            bundles.addBundleUpdateHandler(BUNDLE, bundle -> ssl.update(null, bundle));
            factory.addAdditionalConnectors(connector);
        };
    }
}
