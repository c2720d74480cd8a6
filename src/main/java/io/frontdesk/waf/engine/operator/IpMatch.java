package io.frontdesk.waf.engine.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.frontdesk.net.AddressBlocks;

/**
 * {@code @ipMatch 10.0.0.0/8,192.168.1.7,::1} and {@code @ipMatchFromFile file} (also
 * {@code @ipMatchF}, one address or block a line, {@code #} comments): matches when the value is
 * an address inside one of the blocks. A value that is not an address never matches.
 */
final class IpMatch implements Operator {

    private final AddressBlocks blocks;

    private IpMatch(List<String> entries, String operator) {
        try {
            this.blocks = AddressBlocks.of(entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(operator + ": " + e.getMessage(), e);
        }
    }

    static IpMatch ofList(String argument) {
        List<String> entries = new ArrayList<>();
        for (String entry : argument.split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.strip());
            }
        }
        return new IpMatch(entries, "@ipMatch");
    }

    static IpMatch ofFile(String argument, Path directory) {
        Path file = directory.resolve(argument.strip()).normalize();
        List<String> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("@ipMatchFromFile: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return new IpMatch(entries, "@ipMatchFromFile");
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        boolean inside = blocks.contains(value.strip());
        if (inside && context.capturing()) {
            context.capture(0, value.strip());
        }
        return inside;
    }
}
