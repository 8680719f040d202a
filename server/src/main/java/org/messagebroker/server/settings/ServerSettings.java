package org.messagebroker.server.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server's settings, bound from {@code broker.*} (broker-server.properties maps the environment onto
 * them). Each group is a bean of its own ({@link SettingsConfiguration}), so a class depends on its group only.
 *
 * @param rateLimitPerMinute the default requests per minute of a client without a limit of its own
 */
@ConfigurationProperties("broker")
public record ServerSettings(Path dataDir, @DefaultValue Http http, @DefaultValue InitialAdmin initialAdmin,
        @DefaultValue Jwt jwt, @DefaultValue Login login, Internal internal, @DefaultValue Ca ca, Keys keys,
        @DefaultValue Portal portal, @DefaultValue Retention retention, @DefaultValue Webhooks webhooks,
        @DefaultValue Mail mail, @DefaultValue ReadReplica readReplica, @DefaultValue("100") int rateLimitPerMinute) {

    /** @param requestDeadline the whole request, headers and body, must arrive within this */
    public record Http(@DefaultValue("10s") Duration requestDeadline) {
    }

    /** @param email the first admin's login, created with a random password at the first start */
    public record InitialAdmin(@DefaultValue("admin@example.com") String email) {
    }

    public record Jwt(@DefaultValue("30m") Duration accessTokenLifetime, @DefaultValue("7d") Duration refreshTokenLifetime) {
    }

    /**
     * @param maxFailures        wrong passwords for one account before it is locked for {@code lockout}
     * @param maxAddressFailures wrong passwords from one address (any accounts) before it is locked out
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("100") int maxAddressFailures,
            @DefaultValue("15m") Duration lockout) {
    }

    /** @param port the mTLS port of the internal API (workers, proxies) */
    public record Internal(int port) {
    }

    /**
     * @param crlValidity                 how long a published CRL is valid (its nextUpdate)
     * @param passphrase                  the CA key's passphrase, if it has one
     * @param clientCertificateMaxValidity the longest a client certificate may be issued for
     */
    public record Ca(@DefaultValue("1d") Duration crlValidity, @DefaultValue("") String passphrase,
            @DefaultValue("397d") Duration clientCertificateMaxValidity) {
    }

    /** The key files, and how many rows a re-encryption step moves to the current key at once. */
    public record Keys(Path storage, Path blindIndex, Path sealingPrivate, Path jwt,
            @DefaultValue("500") int reencryptBatchSize) {
    }

    /** @param userMessageBodies {@code visible}: users read their messages' bodies; else a placeholder */
    public record Portal(@DefaultValue("placeholder") String userMessageBodies) {
    }

    /**
     * @param age              delivered and failed messages older than this are purged, {@code batchSize} rows at a time
     * @param partitionByMonth {@code messages} partitioned by month (MariaDB/MySQL, PostgreSQL), so that a month
     *                         past the age goes as one partition
     */
    public record Retention(@DefaultValue("90d") Duration age, @DefaultValue("1000") int batchSize,
            @DefaultValue("false") boolean partitionByMonth) {
    }

    /**
     * @param allowedHosts   host names a webhook may point to although they resolve to a private, loopback or
     *                       link-local address (an admin's explicit exception to the SSRF rules)
     * @param trustedCa      a PEM file of CA certificates trusted for webhook receivers besides the JDK's
     * @param retryFor       how long an event's delivery is retried before it is kept as failed
     * @param firstRetry     the first retry's delay, doubled per attempt up to {@code maxRetryDelay}, with jitter
     * @param expiringWithin a client certificate expiring within this raises {@code certificate.expiring}
     */
    public record Webhooks(@DefaultValue List<String> allowedHosts, Path trustedCa,
            @DefaultValue("24h") Duration retryFor, @DefaultValue("10s") Duration firstRetry,
            @DefaultValue("1h") Duration maxRetryDelay, @DefaultValue("10s") Duration timeout,
            @DefaultValue("14d") Duration expiringWithin) {
    }

    /**
     * The SMTP server e-mail notifications go through; none is sent while {@code host} is empty.
     *
     * @param security {@code starttls} (required, the default), {@code smtps} (TLS from the first byte) or
     *                 {@code none} (only for a relay on this host)
     * @param from      the sender address, required with a host
     * @param trustedCa a PEM file of CA certificates trusted for the SMTP server besides the JDK's
     */
    public record Mail(@DefaultValue("") String host, @DefaultValue("587") int port, @DefaultValue("") String username,
            @DefaultValue("") String password, @DefaultValue("starttls") String security, @DefaultValue("") String from,
            @DefaultValue("30s") Duration timeout, Path trustedCa) {

        public boolean enabled() {
            return !host.isBlank();
        }
    }

    /**
     * A read replica of the server's database for the portal's lists, counts, statistics and reports; none
     * while {@code url} is empty.
     *
     * @param connectTimeout how long a read waits for a replica connection before it goes to the primary
     * @param retryAfter     after a failed read, how long reads stay on the primary before the replica is tried again
     */
    public record ReadReplica(@DefaultValue("") String url, @DefaultValue("") String username,
            @DefaultValue("") String password, @DefaultValue("5") int poolSize,
            @DefaultValue("2s") Duration connectTimeout, @DefaultValue("30s") Duration retryAfter) {

        public boolean enabled() {
            return !url.isBlank();
        }
    }
}
