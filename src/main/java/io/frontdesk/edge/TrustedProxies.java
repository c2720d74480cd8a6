package io.frontdesk.edge;

import java.util.List;

import io.frontdesk.net.AddressBlocks;
import io.frontdesk.net.IpLiteral;

/**
 * The proxies whose X-Forwarded-For is believed, and the client address that follows from it:
 * the right-most address in X-Forwarded-For that is not itself a trusted proxy (nginx's
 * {@code real_ip_recursive on}). From any other peer X-Forwarded-For is ignored, so a client
 * cannot choose its own address.
 */
public final class TrustedProxies {

    private final AddressBlocks blocks;

    private TrustedProxies(AddressBlocks blocks) {
        this.blocks = blocks;
    }

    /** Parses {@code frontdesk.edge.trusted-proxies}; a bad entry fails with a message naming it. */
    public static TrustedProxies parse(List<String> entries) {
        return new TrustedProxies(AddressBlocks.parse(entries, "frontdesk.edge.trusted-proxies"));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    boolean trusts(byte[] address) {
        return blocks.contains(address);
    }

    /**
     * The client's address: the peer's, unless the peer is trusted, in which case the walk goes
     * right to left through X-Forwarded-For past every trusted hop. An entry that is not an
     * address ends the walk at the last trusted hop.
     */
    String clientAddress(String peer, byte[] peerBytes, List<String> forwardedFor) {
        if (peerBytes == null || forwardedFor == null || forwardedFor.isEmpty() || !trusts(peerBytes)) {
            return peer;
        }
        String client = peer;
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            String[] hops = forwardedFor.get(i).split(",");
            for (int j = hops.length - 1; j >= 0; j--) {
                String hop = hops[j].trim();
                if (hop.isEmpty()) {
                    continue;
                }
                byte[] bytes = IpLiteral.parse(hop);
                if (bytes == null) {
                    return client;
                }
                client = IpLiteral.canonical(hop);
                if (!trusts(bytes)) {
                    return client;
                }
            }
        }
        return client;
    }
}
