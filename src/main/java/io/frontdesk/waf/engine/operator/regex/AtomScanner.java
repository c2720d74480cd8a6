package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Finds which of a list of atoms occur in a value in one pass over it, whatever their number (an
 * Aho-Corasick automaton). Atoms and values are compared {@linkplain #fold folded}: an atom is
 * found wherever the value holds it in any mix of ASCII cases.
 *
 * <p>States are numbered breadth first, so the start and the states a few bytes from it come first.
 * Those states, where a pass over ordinary text spends most of its time and which have the most
 * edges, each have a full row of the states every byte leads to, as deep as rows of about eight
 * entries per state allow (three bytes for CRS's request rules); the deeper ones, which have an edge
 * or two, keep their edges and fall back. Bytes on no edge share one column and lead back to the
 * start from anywhere. Rows hold states as 16-bit numbers, half the memory a pass walks through
 * at random (CRS's request rules make 46,000 states); a state numbered beyond that is found
 * from the edges.
 */
final class AtomScanner {

    private static final int[] NONE = {};
    /** The full rows may hold this many entries per state of the scanner, and this many at least. */
    private static final int ROW_ENTRIES_PER_STATE = 8;
    private static final int MIN_ROW_ENTRIES = 4096;
    /** In a row, a state whose number does not fit: {@link #next} then follows the edges. */
    private static final char FAR = Character.MAX_VALUE;

    /** Each byte's column in the full rows; 0 for a byte that no atom holds. */
    private final int[] columns = new int[256];
    private final int width;
    /** The states with a full row are 0 (the start) to this: those fewest bytes from the start. */
    private final int shallow;
    /** For the start and each state one byte from it, the state each column leads to. */
    private final char[] rows;
    /** The edges leaving deeper state {@code s} are {@code edgeStart[s]} up to {@code edgeStart[s + 1]}. */
    private final int[] edgeStart;
    private final char[] edgeBytes;
    private final int[] edgeTargets;
    /** The state for the longest proper suffix of a state's text that is a state too. */
    private final int[] fallback;
    /** The atoms ending at each state: its own and those of its fallbacks. */
    private final int[][] ending;

    /** A scanner for atoms written {@linkplain #fold folded}, bytes only; an atom's index in the list names it. */
    AtomScanner(List<String> atoms) {
        Trie trie = new Trie(atoms);
        int states = trie.children.size();
        int[] numbers = trie.breadthFirstNumbers();
        int[] byNumber = new int[states];
        for (int state = 0; state < states; state++) {
            byNumber[numbers[state]] = state;
        }
        edgeStart = new int[states + 1];
        int edges = trie.children.stream().mapToInt(Map::size).sum();
        edgeBytes = new char[edges];
        edgeTargets = new int[edges];
        int edge = 0;
        for (int number = 0; number < states; number++) {
            edgeStart[number] = edge;
            for (Map.Entry<Character, Integer> child : trie.children.get(byNumber[number]).entrySet()) {
                edgeBytes[edge] = child.getKey();
                edgeTargets[edge++] = numbers[child.getValue()];
                if (columns[child.getKey()] == 0) {
                    columns[child.getKey()] = Arrays.stream(columns).max().getAsInt() + 1;
                }
            }
        }
        edgeStart[states] = edge;
        width = Arrays.stream(columns).max().getAsInt() + 1;
        shallow = trie.shallowStates(width, Math.max(MIN_ROW_ENTRIES, ROW_ENTRIES_PER_STATE * states)) - 1;
        fallback = new int[states];
        ending = new int[states][];
        for (int number = 0; number < states; number++) {
            List<Integer> own = trie.own.get(byNumber[number]);
            int[] inherited = number == 0 ? NONE : ending[fallback[number]];
            int[] all = new int[own.size() + inherited.length];
            for (int i = 0; i < own.size(); i++) {
                all[i] = own.get(i);
            }
            System.arraycopy(inherited, 0, all, own.size(), inherited.length);
            ending[number] = all.length == 0 ? NONE : all;
            for (int out = edgeStart[number]; out < edgeStart[number + 1]; out++) {
                fallback[edgeTargets[out]] = number == 0 ? 0 : sparseNext(fallback[number], edgeBytes[out]);
            }
        }
        rows = new char[(shallow + 1) * width];
        for (int state = 0; state <= shallow; state++) {
            for (int c = 0; c < 256; c++) {
                if (columns[c] != 0) {
                    int next = sparseNext(state, (char) c);
                    rows[state * width + columns[c]] = next < FAR ? (char) next : FAR;
                }
            }
        }
    }

    /** ASCII upper-case letters in lower case; every other character as it is. */
    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Reports the atoms the value holds, each at every place one ends, until {@code found} returns
     * true for one; whether it did.
     */
    boolean scan(String value, IntPredicate found) {
        int state = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                state = 0;
                continue;
            }
            state = next(state, fold(c));
            for (int atom : ending[state]) {
                if (found.test(atom)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The state after reading {@code c} in {@code state}. */
    private int next(int state, char c) {
        int column = columns[c];
        if (column == 0) {
            return 0;
        }
        int at = state;
        while (at > shallow) {
            for (int edge = edgeStart[at]; edge < edgeStart[at + 1]; edge++) {
                if (edgeBytes[edge] == c) {
                    return edgeTargets[edge];
                }
            }
            at = fallback[at];
        }
        char next = rows[at * width + column];
        return next != FAR ? next : sparseNext(at, c);
    }

    /** {@link #next} from the edges and fallbacks alone, while the rows are made. */
    private int sparseNext(int state, char c) {
        for (int at = state; ; at = fallback[at]) {
            for (int edge = edgeStart[at]; edge < edgeStart[at + 1]; edge++) {
                if (edgeBytes[edge] == c) {
                    return edgeTargets[edge];
                }
            }
            if (at == 0) {
                return 0;
            }
        }
    }

    /** The atoms as a tree of bytes, its states numbered as made. */
    private static final class Trie {

        final List<Map<Character, Integer>> children = new ArrayList<>();
        final List<List<Integer>> own = new ArrayList<>();

        Trie(List<String> atoms) {
            children.add(new TreeMap<>());
            own.add(new ArrayList<>());
            for (int atom = 0; atom < atoms.size(); atom++) {
                int state = 0;
                for (char c : atoms.get(atom).toCharArray()) {
                    if (c > 0xFF || fold(c) != c) {
                        throw new IllegalArgumentException("not a folded byte string: " + atoms.get(atom));
                    }
                    Integer next = children.get(state).get(c);
                    if (next == null) {
                        next = children.size();
                        children.get(state).put(c, next);
                        children.add(new TreeMap<>());
                        own.add(new ArrayList<>());
                    }
                    state = next;
                }
                own.get(state).add(atom);
            }
        }

        /**
         * How many states are at most as many bytes from the start as the most that rows of
         * {@code width} entries can be given to, no more than {@code entries} entries in all: the
         * start's at least.
         */
        int shallowStates(int width, int entries) {
            int count = 1;
            List<Integer> level = List.of(0);
            while (true) {
                List<Integer> next = new ArrayList<>();
                level.forEach(state -> next.addAll(children.get(state).values()));
                if (next.isEmpty() || (long) (count + next.size()) * width > entries) {
                    return count;
                }
                count += next.size();
                level = next;
            }
        }

        /** Each state's number breadth first from the start, by its number as made. */
        int[] breadthFirstNumbers() {
            int[] numbers = new int[children.size()];
            List<Integer> queue = new ArrayList<>(List.of(0));
            for (int next = 0; next < queue.size(); next++) {
                int state = queue.get(next);
                numbers[state] = next;
                queue.addAll(children.get(state).values());
            }
            return numbers;
        }
    }
}
