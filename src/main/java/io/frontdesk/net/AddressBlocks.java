package io.frontdesk.net;

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
        for (int i = 0; i < entries.size(); i++) {
            if (CidrBlock.parse(entries.get(i)) == null) {
                throw new InvalidConfigurationException(key + "[" + i + "]", notABlock(entries.get(i)));
            }
        }
        return of(entries);
    }

    /** The blocks of the entries; a bad entry is an {@link IllegalArgumentException} naming it. */
    public static AddressBlocks of(List<String> entries) {
        List<CidrBlock> blocks = new ArrayList<>();
        for (String entry : entries) {
            CidrBlock block = CidrBlock.parse(entry);
            if (block == null) {
                throw new IllegalArgumentException(notABlock(entry));
            }
            blocks.add(block);
        }
        return new AddressBlocks(List.copyOf(blocks));
    }

    private static String notABlock(String entry) {
        return "'" + entry + "' is not an IP address or a CIDR block such as 10.0.0.0/8";
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether an address literal lies in one of the blocks; {@code false} for anything else. */
    public boolean contains(String address) {
        byte[] bytes = address == null ? null : IpLiteral.parse(address);
        return bytes != null && contains(bytes);
    }

    public boolean contains(byte[] address) {
        for (CidrBlock block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
