package io.frontdesk.waf.engine.operator;

import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.operator.regex.SharedScan;

/** A SecLang operator ({@code @name argument}), its argument already parsed; values are byte strings. */
@FunctionalInterface
public interface Operator {

    boolean matches(String value, OperatorContext context);

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
