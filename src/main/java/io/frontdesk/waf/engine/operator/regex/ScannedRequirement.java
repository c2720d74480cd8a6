package io.frontdesk.waf.engine.operator.regex;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A pattern's requirement decided from what a {@link SharedScan} found in a value, without a pass of
 * the pattern's own {@link Prefilter} over it: the atoms of two bytes or more the scan found, and
 * the single bytes the value holds, are told to the prefilter's record. The scan alone decides a
 * requirement that is a choice of atoms; this decides the others (an atom and another, or a word
 * spelt letter by letter).
 */
final class ScannedRequirement {

    private final Prefilter prefilter;
    /** The scan's numbers of the requirement's atoms of two bytes or more, ascending. */
    private final int[] scanNumbers;
    /** Beside each of {@link #scanNumbers}, the atom's number in the prefilter. */
    private final int[] ownNumbers;
    /** The requirement's atoms of one byte. */
    private final char[] singleBytes;
    /** Beside each of {@link #singleBytes}, the atom's number in the prefilter. */
    private final int[] ownNumbersOfBytes;

    /** {@code scanned} numbers the atoms of two bytes or more the scan looks for. */
    ScannedRequirement(Prefilter prefilter, Map<String, Integer> scanned) {
        this.prefilter = prefilter;
        List<String> atoms = prefilter.atoms();
        int[] longAtoms = IntStream.range(0, atoms.size())
                .filter(own -> atoms.get(own).length() >= 2)
                .boxed().sorted((a, b) -> Integer.compare(scanned.get(atoms.get(a)), scanned.get(atoms.get(b))))
                .mapToInt(Integer::intValue).toArray();
        this.ownNumbers = longAtoms;
        this.scanNumbers = Arrays.stream(longAtoms).map(own -> scanned.get(atoms.get(own))).toArray();
        this.ownNumbersOfBytes = IntStream.range(0, atoms.size())
                .filter(own -> atoms.get(own).length() == 1).toArray();
        this.singleBytes = new char[ownNumbersOfBytes.length];
        for (int i = 0; i < ownNumbersOfBytes.length; i++) {
            singleBytes[i] = atoms.get(ownNumbersOfBytes[i]).charAt(0);
        }
    }

    /**
     * Whether the requirement holds of a value in which the scan found the atoms numbered
     * {@code found}, and which holds the bytes set in {@code bytes} (four words of 64).
     */
    boolean holdsIn(int[] found, long[] bytes) {
        RequirementTree.Progress progress = prefilter.startValue();
        for (int i = 0; i < singleBytes.length; i++) {
            if (holdsFolded(bytes, singleBytes[i]) && progress.test(ownNumbersOfBytes[i])) {
                return true;
            }
        }
        for (int atom : found) {
            int at = Arrays.binarySearch(scanNumbers, atom);
            if (at >= 0 && progress.test(ownNumbers[at])) {
                return true;
            }
        }
        return false;
    }

    /** Whether the bytes hold {@code c}, or, for a lower-case ASCII letter, its upper case. */
    private static boolean holdsFolded(long[] bytes, char c) {
        if ((bytes[c >> 6] & 1L << c) != 0) {
            return true;
        }
        char upper = (char) (c - ('a' - 'A'));
        return c >= 'a' && c <= 'z' && (bytes[upper >> 6] & 1L << upper) != 0;
    }
}
