package io.frontdesk.waf.engine.operator;

import java.util.function.IntBinaryOperator;

import io.frontdesk.waf.engine.macro.Macro;

/**
 * {@code @eq}, {@code @ne}, {@code @gt}, {@code @ge}, {@code @lt}, {@code @le}: value and argument
 * (macros expanded) read as integers the way C's atoi() reads them: an optional sign and the
 * leading digits, 0 when there are none, so "5abc" is 5 and "abc" is 0.
 */
final class NumericComparison implements Operator {

    /** A comparison of two integers; the result says whether it holds (non-zero) or not. */
    static final IntBinaryOperator EQ = (a, b) -> a == b ? 1 : 0;
    static final IntBinaryOperator NE = (a, b) -> a != b ? 1 : 0;
    static final IntBinaryOperator GT = (a, b) -> a > b ? 1 : 0;
    static final IntBinaryOperator GE = (a, b) -> a >= b ? 1 : 0;
    static final IntBinaryOperator LT = (a, b) -> a < b ? 1 : 0;
    static final IntBinaryOperator LE = (a, b) -> a <= b ? 1 : 0;

    private final Macro argument;
    private final Integer constant;
    private final IntBinaryOperator comparison;

    NumericComparison(String argument, IntBinaryOperator comparison) {
        this.argument = Macro.parse(argument.strip());
        this.constant = this.argument.isConstant() ? NumericText.atoi(argument.strip()) : null;
        this.comparison = comparison;
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        int limit = constant != null ? constant : NumericText.atoi(argument.expand(context));
        return comparison.applyAsInt(NumericText.atoi(value), limit) != 0;
    }
}
