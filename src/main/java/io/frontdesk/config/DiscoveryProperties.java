package io.frontdesk.config;

import java.util.List;

/**
 * The sources that pools with {@code discovery} find their members in.
 *
 * @param dns the DNS servers pools of {@code type: dns} ask
 */
public record DiscoveryProperties(DnsProperties dns) {

    public DiscoveryProperties {
        dns = dns == null ? new DnsProperties(null) : dns;
    }

    /**
     * @param servers {@code ip:port} (or an IP alone, port 53) of each server, asked in order;
     *        unset, the system's resolvers
     */
    public record DnsProperties(List<String> servers) {

        public DnsProperties {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }
    }
}
