package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A pattern's requirement decided from what a {@link SharedScan} found in a value, without a pass of
 * the pattern's own over it: whether each atom of two bytes or more occurs is what the scan found,
 * whether each single byte does is read off the set of bytes the value holds. The scan alone decides
 * a requirement that is a choice of atoms; this decides the others (an atom and another, or a word
 * spelt letter by letter). The requirement is evaluated from the top, each and or or trying its
 * smallest parts first and stopping once one decides it: most values fail a requirement on a small
 * part of it.
 */
final class ScannedRequirement {

    private static final int LONG_ATOM = 0;
    private static final int SINGLE_BYTE = 1;
    private static final int ALL = 2;
    private static final int ANY = 3;

    /** Each node's kind; node 0 is the whole requirement. */
    private final int[] kinds;
    /** For an atom, the scan's number of it, or its byte; for an and or an or, where its parts start in {@link #parts}. */
    private final int[] arguments;
    /** For an and or an or, where its parts end in {@link #parts}. */
    private final int[] ends;
    private final int[] parts;

    /** {@code scanned} numbers the atoms of two bytes or more the scan looks for. */
    ScannedRequirement(Requirement requirement, Map<String, Integer> scanned) {
        Layout layout = new Layout(scanned);
        layout.add(requirement);
        kinds = layout.kinds.stream().mapToInt(Integer::intValue).toArray();
        arguments = layout.arguments.stream().mapToInt(Integer::intValue).toArray();
        ends = layout.ends.stream().mapToInt(Integer::intValue).toArray();
        parts = layout.parts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether the requirement holds of a value in which the scan found the atoms {@code a} for which
     * {@code found[a] == stamp}, and which holds the bytes set in {@code bytes} (four words of 64).
     */
    boolean holdsIn(int[] found, int stamp, long[] bytes) {
        return holds(0, found, stamp, bytes);
    }

    private boolean holds(int node, int[] found, int stamp, long[] bytes) {
        switch (kinds[node]) {
            case LONG_ATOM:
                return found[arguments[node]] == stamp;
            case SINGLE_BYTE:
                return holdsFolded(bytes, (char) arguments[node]);
            case ALL:
                for (int part = arguments[node]; part < ends[node]; part++) {
                    if (!holds(parts[part], found, stamp, bytes)) {
                        return false;
                    }
                }
                return true;
            default:
                for (int part = arguments[node]; part < ends[node]; part++) {
                    if (holds(parts[part], found, stamp, bytes)) {
                        return true;
                    }
                }
                return false;
        }
    }

    /** Whether the bytes hold {@code c}, or, for a lower-case ASCII letter, its upper case. */
    private static boolean holdsFolded(long[] bytes, char c) {
        if ((bytes[c >> 6] & 1L << c) != 0) {
            return true;
        }
        char upper = (char) (c - ('a' - 'A'));
        return c >= 'a' && c <= 'z' && (bytes[upper >> 6] & 1L << upper) != 0;
    }

    /** The nodes of a requirement laid out in arrays, each node's parts in the order they are tried. */
    private static final class Layout {

        private final Map<String, Integer> scanned;
        private final List<Integer> kinds = new ArrayList<>();
        private final List<Integer> arguments = new ArrayList<>();
        private final List<Integer> ends = new ArrayList<>();
        private final List<Integer> parts = new ArrayList<>();

        Layout(Map<String, Integer> scanned) {
            this.scanned = scanned;
        }

        /** Lays out a requirement and its parts; its node's number. */
        int add(Requirement requirement) {
            int node = kinds.size();
            kinds.add(0);
            arguments.add(0);
            ends.add(0);
            if (requirement instanceof Requirement.Atom atom) {
                boolean single = atom.text().length() == 1;
                kinds.set(node, single ? SINGLE_BYTE : LONG_ATOM);
                arguments.set(node, single ? (int) atom.text().charAt(0) : scanned.get(atom.text()));
                return node;
            }
            List<Requirement> tried = new ArrayList<>(requirement instanceof Requirement.All all ? all.parts()
                    : ((Requirement.AnyOf) requirement).parts());
            tried.sort(Comparator.comparingInt(Layout::size));
            List<Integer> laidOut = tried.stream().map(this::add).toList();
            kinds.set(node, requirement instanceof Requirement.All ? ALL : ANY);
            arguments.set(node, parts.size());
            parts.addAll(laidOut);
            ends.set(node, parts.size());
            return node;
        }

        /** How many atoms a part names, counting each time: what trying it costs at most. */
        private static int size(Requirement requirement) {
            if (requirement instanceof Requirement.Atom) {
                return 1;
            }
            List<Requirement> parts = requirement instanceof Requirement.All all ? all.parts()
                    : ((Requirement.AnyOf) requirement).parts();
            return parts.stream().mapToInt(Layout::size).sum();
        }
    }
}
