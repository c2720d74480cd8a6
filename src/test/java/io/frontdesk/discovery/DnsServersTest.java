package io.frontdesk.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.frontdesk.config.InvalidConfigurationException;

class DnsServersTest {

    @Test
    void addressesWithAndWithoutPorts() {
        assertThat(DnsServers.parse(List.of("10.96.0.10", "10.96.0.11:5353", "[fd00::a]:53", "[fd00::b]", "fd00::c")))
                .extracting(InetSocketAddress::getHostString, InetSocketAddress::getPort)
                .containsExactly(tuple("10.96.0.10", 53),
                        tuple("10.96.0.11", 5353),
                        tuple("fd00:0:0:0:0:0:0:a", 53),
                        tuple("fd00:0:0:0:0:0:0:b", 53),
                        tuple("fd00:0:0:0:0:0:0:c", 53));
    }

    @Test
    void aNameOrABadPortIsRefusedNamingItsKey() {
        for (String bad : List.of("dns.internal", "10.96.0.10:0", "10.96.0.10:dns", "[fd00::a", "")) {
            assertThatThrownBy(() -> DnsServers.parse(List.of("10.96.0.10", bad))).as(bad)
                    .isInstanceOf(InvalidConfigurationException.class)
                    .extracting(error -> ((InvalidConfigurationException) error).key())
                    .isEqualTo("frontdesk.discovery.dns.servers[1]");
        }
    }
}
