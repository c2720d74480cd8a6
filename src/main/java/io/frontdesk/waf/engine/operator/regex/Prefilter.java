package io.frontdesk.waf.engine.operator.regex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Whether a value may hold a match of a pattern, judged from the {@link RequiredAtoms atoms} every
 * match contains: one pass over the value finds those it holds, and a value in which the pattern's
 * requirement does not hold cannot match, so is not searched. The pass stops as soon as the
 * requirement holds.
 */
final class Prefilter {

    private final Requirement requirement;
    private final AtomScanner scanner;
    private final Map<String, Integer> indexes = new HashMap<>();
    /** Each thread reuses its own record of the atoms found: a pass allocates nothing. */
    private final ThreadLocal<Found> found;

    private Prefilter(Requirement requirement) {
        this.requirement = requirement;
        List<String> atoms = List.copyOf(requirement.atoms());
        for (int i = 0; i < atoms.size(); i++) {
            indexes.put(atoms.get(i), i);
        }
        this.scanner = new AtomScanner(atoms);
        this.found = ThreadLocal.withInitial(() -> new Found(atoms.size()));
    }

    /** The prefilter of a pattern compiled from {@code javaSource}, or {@code null} when it asks for no atom. */
    static Prefilter of(String javaSource) {
        Requirement requirement = RequiredAtoms.of(javaSource);
        return requirement.equals(Requirement.NONE) ? null : new Prefilter(requirement);
    }

    /** Whether the value holds atoms enough for a match. */
    boolean mayMatch(String value) {
        Found mine = found.get();
        mine.clear();
        return scanner.scan(value, mine);
    }

    @Override
    public String toString() {
        return requirement.toString();
    }

    /** The atoms found so far in one value, by index; told of each, it answers whether the requirement now holds. */
    private final class Found implements IntPredicate {

        private final boolean[] atoms;
        private final Predicate<String> present;

        Found(int count) {
            this.atoms = new boolean[count];
            this.present = atom -> atoms[indexes.get(atom)];
        }

        void clear() {
            Arrays.fill(atoms, false);
        }

        @Override
        public boolean test(int atom) {
            if (atoms[atom]) {
                return false;
            }
            atoms[atom] = true;
            return requirement.holds(present);
        }
    }
}
