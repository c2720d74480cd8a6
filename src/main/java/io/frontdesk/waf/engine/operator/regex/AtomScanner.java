package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Finds which of a list of atoms occur in a value in one pass over it, whatever their number (an
 * Aho-Corasick automaton). Atoms and values are compared {@linkplain #fold folded}: an atom is
 * found wherever the value holds it in any mix of ASCII cases.
 */
final class AtomScanner {

    private static final int[] NONE = {};

    /** The state each byte leads to from the start, or -1 when no atom begins with it. */
    private final int[] fromStart = new int[256];
    /** The edges leaving state {@code s} are {@code edgeStart[s]} up to {@code edgeStart[s + 1]}. */
    private final int[] edgeStart;
    private final char[] edgeBytes;
    private final int[] edgeTargets;
    /** The state for the longest proper suffix of a state's text that is a state too. */
    private final int[] fallback;
    /** The atoms ending at each state: its own and those of its fallbacks. */
    private final int[][] ending;

    /** A scanner for atoms written {@linkplain #fold folded}, bytes only; an atom's index in the list names it. */
    AtomScanner(List<String> atoms) {
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<List<Integer>> own = new ArrayList<>();
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
        int states = children.size();
        edgeStart = new int[states + 1];
        edgeBytes = new char[states - 1];
        edgeTargets = new int[states - 1];
        int edge = 0;
        for (int state = 0; state < states; state++) {
            edgeStart[state] = edge;
            for (Map.Entry<Character, Integer> child : children.get(state).entrySet()) {
                edgeBytes[edge] = child.getKey();
                edgeTargets[edge++] = child.getValue();
            }
        }
        edgeStart[states] = edge;
        Arrays.fill(fromStart, -1);
        children.get(0).forEach((c, target) -> fromStart[c] = target);
        fallback = new int[states];
        ending = new int[states][];
        ending[0] = NONE;
        linkFallbacks(own);
    }

    /** Breadth first, so that a state's fallback, being shallower, is complete before it. */
    private void linkFallbacks(List<List<Integer>> own) {
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int edge = edgeStart[state]; edge < edgeStart[state + 1]; edge++) {
                int target = edgeTargets[edge];
                fallback[target] = state == 0 ? 0 : next(fallback[state], edgeBytes[edge]);
                int[] inherited = ending[fallback[target]];
                List<Integer> mine = own.get(target);
                int[] all = new int[mine.size() + inherited.length];
                for (int i = 0; i < mine.size(); i++) {
                    all[i] = mine.get(i);
                }
                System.arraycopy(inherited, 0, all, mine.size(), inherited.length);
                ending[target] = all.length == 0 ? NONE : all;
                queue.add(target);
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

    /** The state after reading {@code c} in {@code state}: its child, or else its fallback's, and so on. */
    private int next(int state, char c) {
        for (int at = state; at != 0; at = fallback[at]) {
            for (int edge = edgeStart[at]; edge < edgeStart[at + 1]; edge++) {
                if (edgeBytes[edge] == c) {
                    return edgeTargets[edge];
                }
            }
        }
        return Math.max(fromStart[c], 0);
    }
}
