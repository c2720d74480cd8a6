package io.frontdesk.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without ever asking DNS: a request header must not make the
 * event loop wait on a resolver.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * The address bytes of an IPv4 or IPv6 literal, or {@code null} when the text is not one.
     * Accepts the forms proxies write: {@code [v6]}, {@code [v6]:port} and {@code v4:port}. An IPv6
     * literal is 16 bytes even when it is an IPv4-mapped one ({@code ::ffff:192.0.2.1}).
     */
    public static byte[] parse(String text) {
        String value = text.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? null : parseV6(value.substring(1, end));
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) < 0) {
            value = value.substring(0, colon);
        }
        return value.indexOf(':') >= 0 ? parseV6(value) : parseV4(value);
    }

    /** The canonical text of a literal, or {@code null}. */
    public static String canonical(String text) {
        byte[] bytes = parse(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] parseV4(String value) {
        byte[] bytes = new byte[4];
        int part = 0;
        int current = -1;
        for (int i = 0; i <= value.length(); i++) {
            char c = i == value.length() ? '.' : value.charAt(i);
            if (c == '.') {
                if (current < 0 || part == 4) {
                    return null;
                }
                bytes[part++] = (byte) current;
                current = -1;
            } else if (c >= '0' && c <= '9') {
                current = current < 0 ? c - '0' : current * 10 + (c - '0');
                if (current > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    /** {@code ::ffff:a.b.c.d}, which the JDK hands back as the IPv4 address it maps. */
    private static byte[] mapped(byte[] ipv4) {
        byte[] address = new byte[16];
        address[10] = (byte) 0xff;
        address[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, address, 12, 4);
        return address;
    }

    private static byte[] parseV6(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
                    || c >= 'A' && c <= 'F';
            if (!allowed) {
                return null;
            }
        }
        if (value.indexOf(':') < 0) {
            return null;
        }
        try {
            // A text with a colon is only ever parsed as an IPv6 literal, never looked up.
            byte[] address = InetAddress.getByName(value).getAddress();
            return address.length == 4 ? mapped(address) : address;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
