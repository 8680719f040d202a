package org.messagebroker.proxy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The proxy's settings, bound from {@code broker.*} (broker-proxy.properties maps the environment onto them).
 *
 * @param rateLimitPerMinute the default requests per minute of a client without a limit of its own
 */
@ConfigurationProperties("broker")
public record ProxySettings(Proxy proxy, Tls tls, @DefaultValue Metrics metrics,
        @DefaultValue("100") int rateLimitPerMinute) {

    /**
     * @param port            the mTLS port clients submit to
     * @param maxBodySize     a larger body is refused with 413 before it is read
     * @param requestDeadline the whole request, headers and body, must arrive within this
     * @param metricsPort     {@code /metrics} (plain HTTP, on {@link Metrics#address()})
     * @param serverUrl       the server's internal (mTLS) base URL
     */
    public record Proxy(int port, @DefaultValue("64KB") DataSize maxBodySize,
            @DefaultValue("10s") Duration requestDeadline, @DefaultValue("9101") int metricsPort, URI serverUrl) {
    }

    /** The proxy's certificate and key, and the CA its clients' and the server's certificates come from. */
    public record Tls(Path certificate, Path privateKey, Path caCertificate) {
    }

    public record Metrics(@DefaultValue("127.0.0.1") String address) {
    }
}
