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
    private final Predicate<IntPredicate> holds;
    private final AtomScanner scanner;
    /** Each thread reuses its own record of the atoms found: a pass allocates nothing. */
    private final ThreadLocal<Found> found;

    private Prefilter(Requirement requirement) {
        this.requirement = requirement;
        List<String> atoms = List.copyOf(requirement.atoms());
        Map<String, Integer> indexes = new HashMap<>();
        atoms.forEach(atom -> indexes.put(atom, indexes.size()));
        this.holds = requirement.test(indexes::get);
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
        mine.nextValue();
        return scanner.scan(value, mine);
    }

    @Override
    public String toString() {
        return requirement.toString();
    }

    /**
     * The atoms found so far in one value: those marked with its generation, so that the next value
     * starts afresh without clearing. Told of an atom, it answers whether the requirement now holds.
     */
    private final class Found implements IntPredicate {

        private final int[] foundIn;
        private final IntPredicate present;
        private int generation;

        Found(int count) {
            this.foundIn = new int[count];
            this.present = atom -> foundIn[atom] == generation;
        }

        void nextValue() {
            if (++generation == 0) {
                Arrays.fill(foundIn, 0);
                generation = 1;
            }
        }

        @Override
        public boolean test(int atom) {
            if (foundIn[atom] == generation) {
                return false;
            }
            foundIn[atom] = generation;
            return holds.test(present);
        }
    }
}
