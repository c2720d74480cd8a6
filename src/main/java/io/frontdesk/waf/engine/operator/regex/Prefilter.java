package io.frontdesk.waf.engine.operator.regex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a value may hold a match of a pattern, judged from the {@link RequiredAtoms atoms} every
 * match contains: one pass over the value finds those it holds, and a value in which the pattern's
 * requirement does not hold cannot match, so is not searched. The pass stops as soon as the
 * requirement holds.
 */
final class Prefilter {

    private final Requirement requirement;
    private final AtomScanner scanner;
    /** Each thread reuses its own record of the atoms found: a pass allocates nothing. */
    private final ThreadLocal<RequirementTree.Progress> progress;

    private Prefilter(Requirement requirement) {
        this.requirement = requirement;
        List<String> atoms = List.copyOf(requirement.atoms());
        Map<String, Integer> indexes = new LinkedHashMap<>();
        atoms.forEach(atom -> indexes.put(atom, indexes.size()));
        RequirementTree tree = new RequirementTree(requirement, indexes);
        this.scanner = new AtomScanner(atoms);
        this.progress = ThreadLocal.withInitial(tree::progress);
    }

    /** The prefilter of a pattern compiled from {@code javaSource}, or {@code null} when it asks for no atom. */
    static Prefilter of(String javaSource) {
        Requirement requirement = RequiredAtoms.of(javaSource);
        return requirement.equals(Requirement.NONE) ? null : new Prefilter(requirement);
    }

    /** Whether the value holds atoms enough for a match. */
    boolean mayMatch(String value) {
        RequirementTree.Progress mine = progress.get();
        mine.nextValue();
        return scanner.scan(value, mine);
    }

    Requirement requirement() {
        return requirement;
    }

    @Override
    public String toString() {
        return requirement.toString();
    }
}
