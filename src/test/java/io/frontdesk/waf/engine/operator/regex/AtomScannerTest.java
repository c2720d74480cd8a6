package io.frontdesk.waf.engine.operator.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** One pass finds every atom a value holds, overlapping or inside another, in any ASCII case. */
class AtomScannerTest {

    private static Set<String> found(List<String> atoms, String value) {
        Set<String> found = new TreeSet<>();
        new AtomScanner(atoms).scan(value, atom -> {
            found.add(atoms.get(atom));
            return false;
        });
        return found;
    }

    @Test
    void findsOverlappingAndNestedAtoms() {
        List<String> atoms = List.of("he", "she", "his", "hers", "e");
        assertThat(found(atoms, "ushers")).containsExactly("e", "he", "hers", "she");
        assertThat(found(atoms, "this")).containsExactly("his");
        assertThat(found(atoms, "xyz")).isEmpty();
    }

    @Test
    void foldsAsciiCaseOnly() {
        List<String> atoms = List.of("select", "\u00e9t");
        assertThat(found(atoms, "1 SeLeCT 2")).containsExactly("select");
        assertThat(found(atoms, "\u00c9T")).isEmpty();
        assertThat(found(atoms, "\u00e9T")).containsExactly("\u00e9t");
        assertThatThrownBy(() -> new AtomScanner(List.of("Select"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopsWhenTold() {
        List<Integer> seen = new ArrayList<>();
        boolean stopped = new AtomScanner(List.of("a", "b")).scan("aab", atom -> {
            seen.add(atom);
            return atom == 1;
        });
        assertThat(stopped).isTrue();
        assertThat(seen).containsExactly(0, 0, 1);
    }

    @Test
    void agreesWithSearchingForEachAtom() {
        Random random = new Random(16);
        for (int round = 0; round < 300; round++) {
            List<String> atoms = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                atoms.add(text(random, 1 + random.nextInt(4)).toLowerCase(Locale.ROOT));
            }
            String value = text(random, random.nextInt(40));
            Set<String> expected = new TreeSet<>();
            atoms.stream().filter(atom -> value.toLowerCase(Locale.ROOT).contains(atom)).forEach(expected::add);
            assertThat(found(atoms, value)).as("%s in %s", atoms, value).isEqualTo(expected);
        }
    }

    /** Enough atoms that only the states nearest the start have full rows, the deeper ones falling back. */
    @Test
    void agreesWithSearchingForEachOfManyAtoms() {
        Random random = new Random(4);
        for (int round = 0; round < 20; round++) {
            Set<String> distinct = new TreeSet<>();
            while (distinct.size() < 2_000) {
                distinct.add(text(random, WIDE, 1 + random.nextInt(9)).toLowerCase(Locale.ROOT));
            }
            List<String> atoms = List.copyOf(distinct);
            StringBuilder pieces = new StringBuilder();
            while (pieces.length() < 300) {
                pieces.append(random.nextBoolean() ? atoms.get(random.nextInt(atoms.size())).toUpperCase(Locale.ROOT)
                        : text(random, WIDE, 1 + random.nextInt(3)));
            }
            String value = pieces.toString();
            Set<String> expected = new TreeSet<>();
            atoms.stream().filter(atom -> asciiFolded(value).contains(atom)).forEach(expected::add);
            assertThat(found(atoms, value)).as("round %d", round).isEqualTo(expected);
        }
    }

    /**
     * So many atoms (60,000 of five letters: some 134,000 states) that rows lead to states whose
     * numbers do not fit in their 16 bits; those are found from the edges.
     */
    @Test
    void agreesWithSearchingForEachAtomBeyondSixteenBitStates() {
        Random random = new Random(65_536);
        Set<String> distinct = new TreeSet<>();
        while (distinct.size() < 60_000) {
            distinct.add(text(random, LETTERS, 5));
        }
        List<String> atoms = List.copyOf(distinct);
        AtomScanner scanner = new AtomScanner(atoms);
        for (int round = 0; round < 20; round++) {
            StringBuilder pieces = new StringBuilder();
            while (pieces.length() < 300) {
                pieces.append(random.nextBoolean() ? atoms.get(random.nextInt(atoms.size()))
                        : text(random, LETTERS, 1 + random.nextInt(3)));
            }
            String value = pieces.toString();
            Set<String> expected = new TreeSet<>();
            atoms.stream().filter(value::contains).forEach(expected::add);
            Set<String> found = new TreeSet<>();
            scanner.scan(value, atom -> {
                found.add(atoms.get(atom));
                return false;
            });
            assertThat(found).as("round %d", round).isEqualTo(expected);
        }
    }

    private static String asciiFolded(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.chars().forEach(c -> folded.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : (char) c));
        return folded.toString();
    }

    private static final String NARROW = "abAB\u00e9";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String WIDE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ;'\u00e9";

    private static String text(Random random, int length) {
        return text(random, NARROW, length);
    }

    private static String text(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
