package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every text a pattern matches contains: substrings ("atoms", written with ASCII letters in
 * lower case, as {@link AtomScanner#fold} makes them) combined with and and or. {@link #NONE} asks for
 * nothing, so holds of every text. The combinators simplify as they build.
 */
sealed interface Requirement {

    /** Holds of every text. */
    Requirement NONE = new All(List.of());

    /** The atoms this requirement names, each once. */
    default Set<String> atoms() {
        Set<String> atoms = new LinkedHashSet<>();
        collectAtoms(atoms);
        return atoms;
    }

    void collectAtoms(Set<String> atoms);

    /** The text contains this (folded) substring. */
    record Atom(String text) implements Requirement {

        @Override
        public void collectAtoms(Set<String> atoms) {
            atoms.add(text);
        }

        @Override
        public String toString() {
            return '"' + text + '"';
        }
    }

    /** Every part holds; none at all is {@link #NONE}. */
    record All(List<Requirement> parts) implements Requirement {

        @Override
        public void collectAtoms(Set<String> atoms) {
            parts.forEach(part -> part.collectAtoms(atoms));
        }

        @Override
        public String toString() {
            return parts.isEmpty() ? "NONE" : "AND" + parts;
        }
    }

    /** One of the parts holds (there are at least two: an empty choice is taken as {@link #NONE}, never as false). */
    record AnyOf(List<Requirement> parts) implements Requirement {

        @Override
        public void collectAtoms(Set<String> atoms) {
            parts.forEach(part -> part.collectAtoms(atoms));
        }

        @Override
        public String toString() {
            return "OR" + parts;
        }
    }

    static Requirement atom(String text) {
        return text.isEmpty() ? NONE : new Atom(text);
    }

    static Requirement all(List<Requirement> parts) {
        Set<Requirement> flat = new LinkedHashSet<>();
        for (Requirement part : parts) {
            if (part instanceof All all) {
                flat.addAll(all.parts());
            } else {
                flat.add(part);
            }
        }
        return flat.size() == 1 ? flat.iterator().next() : new All(List.copyOf(flat));
    }

    static Requirement anyOf(List<Requirement> parts) {
        Set<Requirement> flat = new LinkedHashSet<>();
        for (Requirement part : parts) {
            if (part.equals(NONE)) {
                return NONE;
            }
            if (part instanceof AnyOf any) {
                flat.addAll(any.parts());
            } else {
                flat.add(part);
            }
        }
        if (flat.isEmpty()) {
            return NONE;
        }
        return flat.size() == 1 ? flat.iterator().next() : new AnyOf(List.copyOf(flat));
    }

    /**
     * One of the strings occurs. A string holding another of them is left out, as it cannot occur
     * without the other; the empty string, found in every text, makes this {@link #NONE}.
     */
    static Requirement anyOfStrings(Set<String> strings) {
        List<Requirement> atoms = new ArrayList<>();
        for (String string : strings) {
            if (string.isEmpty()) {
                return NONE;
            }
            if (strings.stream().noneMatch(other -> !other.equals(string) && string.contains(other))) {
                atoms.add(new Atom(string));
            }
        }
        return anyOf(atoms);
    }
}
