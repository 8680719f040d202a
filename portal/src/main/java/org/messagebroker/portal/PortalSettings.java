package org.messagebroker.portal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The portal's settings, bound from {@code broker.*} (broker-portal.properties maps the environment onto them). */
@ConfigurationProperties("broker")
public record PortalSettings(Portal portal, @DefaultValue Http http) {

    /**
     * @param serverUrl              the server's API, which every page is a view of
     * @param caCertificate          the CA that signed the server's certificate
     * @param sessionAbsoluteTimeout a session ends this long after its login, however active
     */
    public record Portal(URI serverUrl, Path caCertificate, @DefaultValue("8h") Duration sessionAbsoluteTimeout) {
    }

    /** @param requestDeadline the whole request, headers and body, must arrive within this */
    public record Http(@DefaultValue("10s") Duration requestDeadline) {
    }
}
