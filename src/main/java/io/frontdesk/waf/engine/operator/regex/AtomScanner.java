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
 * <p>A rule set's automaton has some hundred thousand states, and ordinary text keeps to the
 * shallow ones: states are numbered breadth first, so that the shallow ones lie together, and what
 * a step reads of a state lies in one record, so that a step costs few cache misses.
 */
final class AtomScanner {

    /** Ints per state record: where its edges start and end, its fallback, where its atoms start. */
    private static final int RECORD = 4;
    private static final int EDGES = 0;
    private static final int EDGES_END = 1;
    private static final int FALLBACK = 2;
    private static final int ENDING = 3;

    /** The state each byte leads to from the start, or 0 when no atom begins with it. */
    private final int[] fromStart = new int[256];
    /** The records of the states, then one more whose {@link #ENDING} closes the last state's atoms. */
    private final int[] records;
    /** Each edge as {@code target << 8 | byte}, a state's edges together, by byte. */
    private final int[] edges;
    /** The atoms ending at each state, its own and those of its fallbacks, each state's together. */
    private final int[] ending;

    /** A scanner for atoms written {@linkplain #fold folded}, bytes only; an atom's index in the list names it. */
    AtomScanner(List<String> atoms) {
        Trie trie = new Trie(atoms);
        int states = trie.children.size();
        int[] number = trie.breadthFirstNumbers();
        int[] stateAt = new int[states];
        for (int state = 0; state < states; state++) {
            stateAt[number[state]] = state;
        }
        records = new int[(states + 1) * RECORD];
        edges = new int[states - 1];
        int edge = 0;
        for (int at = 0; at < states; at++) {
            records[at * RECORD + EDGES] = edge;
            for (Map.Entry<Character, Integer> child : trie.children.get(stateAt[at]).entrySet()) {
                edges[edge++] = number[child.getValue()] << 8 | child.getKey();
            }
            records[at * RECORD + EDGES_END] = edge;
        }
        for (int first = records[EDGES]; first < records[EDGES_END]; first++) {
            fromStart[edges[first] & 0xFF] = edges[first] >>> 8;
        }
        ending = linkFallbacks(trie, stateAt, states);
    }

    /**
     * Links each state to its fallback and gathers the atoms ending at it, breadth first, so that
     * a state's fallback, being shallower, is complete before it.
     */
    private int[] linkFallbacks(Trie trie, int[] stateAt, int states) {
        int[][] endingAt = new int[states][];
        endingAt[0] = new int[0];
        int total = 0;
        for (int at = 0; at < states; at++) {
            for (int edge = records[at * RECORD + EDGES]; edge < records[at * RECORD + EDGES_END]; edge++) {
                int target = edges[edge] >>> 8;
                int fallback = at == 0 ? 0 : next(records[at * RECORD + FALLBACK], (char) (edges[edge] & 0xFF));
                records[target * RECORD + FALLBACK] = fallback;
                List<Integer> own = trie.own.get(stateAt[target]);
                int[] inherited = endingAt[fallback];
                int[] all = new int[own.size() + inherited.length];
                for (int i = 0; i < own.size(); i++) {
                    all[i] = own.get(i);
                }
                System.arraycopy(inherited, 0, all, own.size(), inherited.length);
                endingAt[target] = all;
            }
            total += endingAt[at].length;
        }
        int[] atoms = new int[total];
        int next = 0;
        for (int at = 0; at < states; at++) {
            records[at * RECORD + ENDING] = next;
            System.arraycopy(endingAt[at], 0, atoms, next, endingAt[at].length);
            next += endingAt[at].length;
        }
        records[states * RECORD + ENDING] = next;
        return atoms;
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
            int end = records[(state + 1) * RECORD + ENDING];
            for (int at = records[state * RECORD + ENDING]; at < end; at++) {
                if (found.test(ending[at])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The state after reading {@code c} in {@code state}: its child, or else its fallback's, and so on. */
    private int next(int state, char c) {
        for (int at = state; at != 0; at = records[at * RECORD + FALLBACK]) {
            int end = records[at * RECORD + EDGES_END];
            for (int edge = records[at * RECORD + EDGES]; edge < end; edge++) {
                if ((edges[edge] & 0xFF) == c) {
                    return edges[edge] >>> 8;
                }
            }
        }
        return fromStart[c];
    }

    /** The atoms as a tree of their bytes: the children of each node, and the atoms ending at it. */
    private static final class Trie {

        final List<Map<Character, Integer>> children = new ArrayList<>();
        final List<List<Integer>> own = new ArrayList<>();

        Trie(List<String> atoms) {
            addNode();
            for (int atom = 0; atom < atoms.size(); atom++) {
                int node = 0;
                for (char c : atoms.get(atom).toCharArray()) {
                    if (c > 0xFF || fold(c) != c) {
                        throw new IllegalArgumentException("not a folded byte string: " + atoms.get(atom));
                    }
                    Integer child = children.get(node).get(c);
                    if (child == null) {
                        child = addNode();
                        children.get(node).put(c, child);
                    }
                    node = child;
                }
                own.get(node).add(atom);
            }
        }

        private int addNode() {
            children.add(new TreeMap<>());
            own.add(new ArrayList<>());
            return children.size() - 1;
        }

        /** Each node's number in breadth-first order, children by byte. */
        int[] breadthFirstNumbers() {
            int[] number = new int[children.size()];
            Arrays.fill(number, -1);
            int[] queue = new int[children.size()];
            int tail = 0;
            queue[tail++] = 0;
            number[0] = 0;
            for (int head = 0; head < tail; head++) {
                for (int child : children.get(queue[head]).values()) {
                    number[child] = tail;
                    queue[tail++] = child;
                }
            }
            return number;
        }
    }
}
