package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.net.IpLiteral;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.1.1", "fd00::/8"));

    private String client(String peer, String... forwardedFor) {
        return proxies.clientAddress(peer, IpLiteral.parse(peer), List.of(forwardedFor));
    }

    @Test
    void untrustedPeerIsTheClientWhateverItsHeaderSays() {
        assertThat(client("203.0.113.5", "6.6.6.6")).isEqualTo("203.0.113.5");
    }

    @Test
    void trustedPeerIsSeenThroughToTheRightMostUntrustedAddress() {
        assertThat(client("10.1.2.3", "6.6.6.6, 198.51.100.20, 10.9.9.9")).isEqualTo("198.51.100.20");
        assertThat(client("192.168.1.1", "198.51.100.20")).isEqualTo("198.51.100.20");
        assertThat(client("10.1.2.3", "198.51.100.1", "198.51.100.2")).as("several header lines")
                .isEqualTo("198.51.100.2");
    }

    @Test
    void garbageInTheChainStopsAtTheLastTrustedHop() {
        assertThat(client("10.1.2.3", "198.51.100.20, not-an-ip, 10.0.0.7")).isEqualTo("10.0.0.7");
    }

    @Test
    void everyHopTrustedGivesTheLeftMost() {
        assertThat(client("10.1.2.3", "10.0.0.1, 10.0.0.2")).isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6AndPortsAreUnderstood() {
        assertThat(client("fd00::1", "[2001:db8::7]:4711")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(client("10.0.0.1", "198.51.100.9:5000")).isEqualTo("198.51.100.9");
    }

    @Test
    void cidrMatchingHonoursThePrefix() {
        TrustedProxies narrow = TrustedProxies.parse(List.of("172.16.0.0/12"));
        assertThat(narrow.trusts(IpLiteral.parse("172.31.255.255"))).isTrue();
        assertThat(narrow.trusts(IpLiteral.parse("172.32.0.0"))).isFalse();
        assertThat(narrow.trusts(IpLiteral.parse("::ffff:1"))).isFalse();
    }

    @Test
    void namesAreNeverResolved() {
        assertThat(IpLiteral.parse("localhost")).isNull();
        assertThat(IpLiteral.parse("example.com")).isNull();
        assertThat(IpLiteral.parse("1.2.3.256")).isNull();
    }

    @Test
    void aBadEntryNamesItsKey() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/8", "10.0.0.0/33")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("frontdesk.edge.trusted-proxies[1]:");
    }
}
