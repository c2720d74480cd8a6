package io.frontdesk.net;

import java.util.Arrays;

/** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
public final class CidrBlock {

    private final byte[] network;
    private final int prefixLength;

    private CidrBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses a block; returns {@code null} when the text is not one. */
    public static CidrBlock parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        byte[] address = IpLiteral.parse(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bits) {
                return null;
            }
        }
        return new CidrBlock(address, prefix);
    }

    /**
     * Whether the address lies in the block; an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d})
     * lies in the IPv4 blocks that hold {@code a.b.c.d} too.
     */
    public boolean contains(byte[] address) {
        if (address.length == 16 && network.length == 4 && isIpv4Mapped(address)) {
            return contains(Arrays.copyOfRange(address, 12, 16));
        }
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xff << (8 - remainingBits) & 0xff;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }
}
