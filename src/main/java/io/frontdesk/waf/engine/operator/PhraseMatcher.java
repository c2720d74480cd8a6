package io.frontdesk.waf.engine.operator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds whether any of many phrases occurs in a text, in one pass (Aho-Corasick), ignoring ASCII
 * case. Built once per operator; the automaton is sparse (each state keeps only its own edges,
 * sorted), so the thousands of phrases of a CRS data file stay small.
 */
final class PhraseMatcher {

    private char[][] labels;
    private int[][] targets;
    private int[] failure;
    /** The phrase that ends at a state (or, through failure links, the shortest that does), or null. */
    private String[] output;

    PhraseMatcher(List<String> phrases) {
        List<char[]> stateLabels = new ArrayList<>();
        List<int[]> stateTargets = new ArrayList<>();
        List<String> stateOutput = new ArrayList<>();
        stateLabels.add(new char[0]);
        stateTargets.add(new int[0]);
        stateOutput.add(null);
        for (String phrase : phrases) {
            if (phrase.isEmpty()) {
                continue;
            }
            int state = 0;
            for (int i = 0; i < phrase.length(); i++) {
                char c = lower(phrase.charAt(i));
                int next = edge(stateLabels.get(state), stateTargets.get(state), c);
                if (next < 0) {
                    next = stateLabels.size();
                    stateLabels.add(new char[0]);
                    stateTargets.add(new int[0]);
                    stateOutput.add(null);
                    addEdge(stateLabels, stateTargets, state, c, next);
                }
                state = next;
            }
            if (stateOutput.get(state) == null) {
                stateOutput.set(state, phrase);
            }
        }
        labels = stateLabels.toArray(char[][]::new);
        targets = stateTargets.toArray(int[][]::new);
        output = stateOutput.toArray(String[]::new);
        linkFailures();
    }

    private static void addEdge(List<char[]> labels, List<int[]> targets, int state, char c, int next) {
        char[] keys = labels.get(state);
        int[] values = targets.get(state);
        int at = -Arrays.binarySearch(keys, c) - 1;
        char[] newKeys = new char[keys.length + 1];
        int[] newValues = new int[values.length + 1];
        System.arraycopy(keys, 0, newKeys, 0, at);
        System.arraycopy(values, 0, newValues, 0, at);
        newKeys[at] = c;
        newValues[at] = next;
        System.arraycopy(keys, at, newKeys, at + 1, keys.length - at);
        System.arraycopy(values, at, newValues, at + 1, values.length - at);
        labels.set(state, newKeys);
        targets.set(state, newValues);
    }

    private static int edge(char[] keys, int[] values, char c) {
        int at = Arrays.binarySearch(keys, c);
        return at < 0 ? -1 : values[at];
    }

    /** Breadth first: each state's failure is the longest proper suffix that is also a state. */
    private void linkFailures() {
        failure = new int[labels.length];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int child : targets[0]) {
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int k = 0; k < labels[state].length; k++) {
                char c = labels[state][k];
                int child = targets[state][k];
                int fallback = failure[state];
                while (fallback != 0 && edge(labels[fallback], targets[fallback], c) < 0) {
                    fallback = failure[fallback];
                }
                int next = edge(labels[fallback], targets[fallback], c);
                failure[child] = next >= 0 && next != child ? next : 0;
                if (output[child] == null) {
                    output[child] = output[failure[child]];
                }
                queue.add(child);
            }
        }
    }

    /** The first phrase found in the text (the one ending earliest), or {@code null}. */
    String find(String text) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = lower(text.charAt(i));
            int next;
            while ((next = edge(labels[state], targets[state], c)) < 0 && state != 0) {
                state = failure[state];
            }
            state = Math.max(next, 0);
            if (output[state] != null) {
                return output[state];
            }
        }
        return null;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
    }
}
