package io.frontdesk.edge;

import java.util.ArrayList;
import java.util.List;

import io.frontdesk.config.InvalidConfigurationException;

/** A list of address blocks (CIDR, or single addresses), read from a configuration key. */
public final class AddressBlocks {

    private final List<CidrBlock> blocks;

    private AddressBlocks(List<CidrBlock> blocks) {
        this.blocks = blocks;
    }

    /** Parses the entries of a list key; a bad entry fails with a message naming it ({@code key[i]}). */
    public static AddressBlocks parse(List<String> entries, String key) {
        List<CidrBlock> blocks = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            CidrBlock block = CidrBlock.parse(entries.get(i));
            if (block == null) {
                throw new InvalidConfigurationException(key + "[" + i + "]",
                        "'" + entries.get(i) + "' is not an IP address or a CIDR block such as 10.0.0.0/8");
            }
            blocks.add(block);
        }
        return new AddressBlocks(List.copyOf(blocks));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether an address literal lies in one of the blocks; {@code false} for anything else. */
    public boolean contains(String address) {
        byte[] bytes = address == null ? null : IpLiteral.parse(address);
        return bytes != null && contains(bytes);
    }

    boolean contains(byte[] address) {
        for (CidrBlock block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
