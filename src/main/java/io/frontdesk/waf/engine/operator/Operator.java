package io.frontdesk.waf.engine.operator;

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
}
