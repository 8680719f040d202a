package org.messagebroker.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.messagebroker.core.errors.Rejection;

/** The SSRF rules, with names resolved by a table so that a test does not depend on DNS. */
class WebhookTargetsTest {

    final Map<String, String> dns = Map.of("hooks.example.com", "93.184.215.14", "internal.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254", "rebind.example.com", "127.0.0.1");
    final WebhookTargets targets = new WebhookTargets(Set.of("receiver.test"), host -> {
        if (dns.containsKey(host)) {
            return new InetAddress[] {InetAddress.getByName(dns.get(host))};
        }
        if (host.equals("receiver.test")) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
            return InetAddress.getAllByName(host); // a literal address: no lookup
        }
        throw new UnknownHostException(host);
    });

    @Test
    void aPublicHttpsUrlIsAccepted() {
        assertThat(targets.refusal(URI.create("https://hooks.example.com/broker?x=1"))).isNull();
        assertThat(targets.refusal(URI.create("https://93.184.215.14:8443/in"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://[::1]/", "https://10.0.0.1/", "https://172.16.5.4/",
            "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/",
            "https://0.0.0.0/", "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/",
            "https://[64:ff9b::a00:1]/", "https://224.0.0.1/", "https://internal.example.com/",
            "https://metadata.example.com/", "https://rebind.example.com/"})
    void privateLoopbackLinkLocalAndReservedAddressesAreRefused(String url) {
        assertThat(targets.refusal(URI.create(url))).contains("non-public address");
    }

    @Test
    void onlyHttpsWithoutCredentialsToAResolvableHost() {
        assertThat(targets.refusal(URI.create("http://hooks.example.com/"))).isEqualTo("must use https");
        assertThat(targets.refusal(URI.create("https://user:pw@hooks.example.com/"))).contains("no user name");
        assertThat(targets.refusal(URI.create("https://nowhere.example.com/"))).contains("does not resolve");
        assertThatThrownBy(() -> targets.checked("not a url at all")).isInstanceOf(Rejection.Invalid.class);
        assertThatThrownBy(() -> targets.checked("ftp://hooks.example.com/")).isInstanceOf(Rejection.Invalid.class)
                .hasMessageContaining("https");
    }

    @Test
    void aHostAnAdminAllowedMayResolveToLoopback() {
        assertThat(targets.refusal(URI.create("https://receiver.test:8443/hook"))).isNull();
        assertThat(targets.refusal(URI.create("http://receiver.test/hook"))).as("still https only")
                .isEqualTo("must use https");
    }
}
