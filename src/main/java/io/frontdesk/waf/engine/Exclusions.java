package io.frontdesk.waf.engine;

import java.util.List;

import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.variable.Target;

/**
 * The values a rule leaves out of its targets, by variable and key: its own exclusions
 * ({@code !ARGS:password}) and the targets removed from it in the transaction.
 */
final class Exclusions {

    static final Exclusions NONE = new Exclusions(List.of(), List.of());

    private final List<Target> own;
    private final List<Target> removed;
    /** The variables the exclusions name, by ordinal, bit by bit: those below 64, then the rest. */
    private long namedLow;
    private long namedHigh;

    static {
        if (Variable.values().length > 128) {
            throw new IllegalStateException("more variables than the exclusions' bit set holds");
        }
    }

    Exclusions(List<Target> own, List<Target> removed) {
        this.own = own;
        this.removed = removed;
        name(own);
        name(removed);
    }

    private void name(List<Target> exclusions) {
        for (int i = 0; i < exclusions.size(); i++) {
            int variable = exclusions.get(i).variable().ordinal();
            if (variable < 64) {
                namedLow |= 1L << variable;
            } else {
                namedHigh |= 1L << variable;
            }
        }
    }

    /** Whether any value of the variable may be left out; when none may, its keys need no asking. */
    boolean mayExclude(Variable variable) {
        int ordinal = variable.ordinal();
        return ((ordinal < 64 ? namedLow : namedHigh) & 1L << ordinal) != 0;
    }

    boolean excludes(Variable variable, String key) {
        return mayExclude(variable) && (excludes(own, variable, key) || excludes(removed, variable, key));
    }

    private static boolean excludes(List<Target> exclusions, Variable variable, String key) {
        for (int i = 0; i < exclusions.size(); i++) {
            Target exclusion = exclusions.get(i);
            if (exclusion.variable() == variable && exclusion.selects(key)) {
                return true;
            }
        }
        return false;
    }
}
