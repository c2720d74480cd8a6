package io.frontdesk.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.net.IpLiteral;

/** The DNS servers of {@code frontdesk.discovery.dns.servers}: IP addresses, so that naming them needs no lookup. */
final class DnsServers {

    private static final String KEY = "frontdesk.discovery.dns.servers";

    private DnsServers() {
    }

    /** Each {@code ip}, {@code ip:port} or {@code [ipv6]:port} as an address; port 53 when none is given. */
    static List<InetSocketAddress> parse(List<String> servers) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            addresses.add(parse(KEY + "[" + i + "]", servers.get(i) == null ? "" : servers.get(i).trim()));
        }
        return addresses;
    }

    private static InetSocketAddress parse(String key, String server) {
        String host = server;
        String port = "53";
        int colon = server.lastIndexOf(':');
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            host = close < 0 ? "" : server.substring(1, close);
            port = close >= 0 && close + 1 < server.length() && server.charAt(close + 1) == ':'
                    ? server.substring(close + 2) : close == server.length() - 1 ? "53" : "";
        } else if (colon >= 0 && server.indexOf(':') == colon) {
            host = server.substring(0, colon);
            port = server.substring(colon + 1);
        }
        byte[] ip = host.isEmpty() ? null : IpLiteral.parse(host);
        if (ip == null) {
            throw new InvalidConfigurationException(key,
                    "'" + server + "' must be an IP address with an optional port, such as 10.96.0.10:53");
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65535) {
            throw new InvalidConfigurationException(key, "'" + server + "' has no valid port");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), number);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an IP address of " + ip.length + " bytes", e);
        }
    }
}
