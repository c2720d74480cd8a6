package io.frontdesk.waf.engine.operator;

import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.operator.regex.SharedScan;

/** A SecLang operator ({@code @name argument}), its argument already parsed; values are byte strings. */
@FunctionalInterface
public interface Operator {

    boolean matches(String value, OperatorContext context);

    /**
     * Whether the verdict on a value depends on the value alone, and a miss changes nothing: no
     * macro in the argument, nothing read of the transaction, nothing set but captures of a match
     * (a match that gave up is told to the context). The engine then remembers its verdict on a
     * value (a match only where the rule captures nothing), and does not ask again. Costly
     * operators say so; the cheap ones are asked anew.
     */
    default boolean decidedByValueAlone() {
        return false;
    }

    /**
     * Joins the rule set's shared pass over values, when what this operator looks for can be told
     * there ({@link OperatorContext#scanned}); most operators cannot, and do nothing. Whether it
     * will ask the pass about its values.
     */
    default boolean joinScan(SharedScan scan) {
        return false;
    }

    /** Whether {@code scan} decides which values this operator cannot match: it joined that pass. */
    default boolean decidedBy(SharedScan scan) {
        return false;
    }

    /**
     * Whether the operator may match one of several values, told what the shared pass found in all
     * of them together ({@link SharedScan#union}): false only when it can tell from that alone that
     * it matches none of them, as an operator {@link #decidedBy decided by} the pass may.
     */
    default boolean mayMatchOneOf(ScannedValue together) {
        return true;
    }
}
