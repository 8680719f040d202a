package org.messagebroker.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only IP addresses pass as a client's address, whatever a trusted proxy forwards. */
class ForwardedAddressFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "203.0.113.9", "0.0.0.0", "::1", "2001:db8::1", "::ffff:192.0.2.1",
            "fe80::1:2:3:4"})
    void addressesPass(String address) {
        assertThat(ForwardedAddressFilter.isAddress(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "example.com", "256.1.1.1", "1.2.3", "1.2.3.4.5", "", " 1.2.3.4",
            "::1%eth0", "1:2:3:4:5:6:7:8:9", "fe80::g", "localhost"})
    void anythingElseIsRefused(String value) {
        assertThat(ForwardedAddressFilter.isAddress(value)).isFalse();
    }
}
