package io.frontdesk.waf.engine.operator.regex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.frontdesk.waf.engine.transform.Transformations;

/**
 * Values beyond the CRS regression requests that shortcuts of the regex search are checked on:
 * libinjection's samples, mutations of given values and random byte strings, all reproducible.
 */
final class ProofValues {

    private ProofValues() {
    }

    /** The lines of a libinjection sample file, URL-decoded, without its comments. */
    static List<String> samples(Path file) throws IOException {
        List<String> samples = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(Transformations.named("urlDecodeUni").apply(line));
            }
        }
        return samples;
    }

    /**
     * Each piece changed at random {@code rounds} times: case flipped, a byte dropped, inserted,
     * replaced or a stretch doubled.
     */
    static List<String> mutations(List<String> pieces, int rounds, long seed) {
        Random random = new Random(seed);
        List<String> mutated = new ArrayList<>();
        for (String piece : pieces) {
            for (int round = 0; round < rounds; round++) {
                mutated.add(mutation(random, piece));
            }
        }
        return mutated;
    }

    private static String mutation(Random random, String piece) {
        StringBuilder text = new StringBuilder(piece);
        for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> {
                    char c = text.charAt(at);
                    text.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                }
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.insert(at, randomByte(random));
                case 3 -> text.setCharAt(at, randomByte(random));
                default -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(8));
                    text.insert(end, text.substring(at, end));
                }
            }
        }
        return text.toString();
    }

    /** That many strings of up to 80 bytes. */
    static List<String> randomStrings(int count, long seed) {
        Random random = new Random(seed);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(80); length > 0; length--) {
                text.append(randomByte(random));
            }
            strings.add(text.toString());
        }
        return strings;
    }

    /** Mostly printable ASCII, sometimes any byte. */
    private static char randomByte(Random random) {
        return (char) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(0x5F));
    }
}
