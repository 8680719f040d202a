package org.messagebroker.server.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.messagebroker.core.errors.Rejection;
import org.messagebroker.server.settings.ServerSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may point (the SSRF rules): https only, no user info, and a host whose every address is
 * public: not loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast or reserved,
 * unless an admin listed the host in {@code broker.webhooks.allowed-hosts}. Checked when a webhook is
 * saved and again before every delivery, since a name may resolve elsewhere later.
 */
@Component
public class WebhookTargets {

    private final Set<String> allowedHosts;
    private final Resolver resolver;

    @Autowired
    WebhookTargets(ServerSettings.Webhooks settings) {
        this(settings.allowedHosts().stream().map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
                InetAddress::getAllByName);
    }

    WebhookTargets(Set<String> allowedHosts, Resolver resolver) {
        this.allowedHosts = allowedHosts;
        this.resolver = resolver;
    }

    /** The URL as a URI, or a 400 saying why a webhook may not point there. */
    public URI checked(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new Rejection.Invalid("url is not a valid URL");
        }
        String refusal = refusal(uri);
        if (refusal != null) {
            throw new Rejection.Invalid("url " + refusal);
        }
        return uri;
    }

    /** Why a request to {@code uri} must not be made, or null when it may. */
    public String refusal(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return "must use https";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "must name a host and no user name or password";
        }
        if (uri.toString().length() > 2048) {
            return "must be at most 2048 characters";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(host)) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "names a host that does not resolve: " + host;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "resolves to a non-public address (" + address.getHostAddress()
                        + "); an admin may allow the host in broker.webhooks.allowed-hosts";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && (second & 0xc0) == 64) // carrier-grade NAT, 100.64.0.0/10
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved and broadcast
        }
        boolean uniqueLocal = (b[0] & 0xfe) == 0xfc; // fc00::/7
        boolean siteLocal = (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0; // fec0::/10
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b; // 64:ff9b::/96
        return !uniqueLocal && !siteLocal && !nat64;
    }

    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }
}
