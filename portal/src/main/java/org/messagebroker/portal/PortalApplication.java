package org.messagebroker.portal;

import org.messagebroker.core.web.RequestDeadlines;
import org.messagebroker.core.web.RequestIdFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The web portal: server-rendered pages for users and admins. It holds no data and no keys; it
 * talks only to the server's API. Settings in {@code broker-portal.properties}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    public static final String CONFIG_NAME = "broker-common,broker-portal";

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    RequestDeadlines requestDeadlines(PortalSettings settings) {
        return new RequestDeadlines(settings.http().requestDeadline());
    }
}
