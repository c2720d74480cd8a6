package io.frontdesk.waf.engine.operator;

/** A SecLang operator ({@code @name argument}), its argument already parsed; values are byte strings. */
@FunctionalInterface
public interface Operator {

    boolean matches(String value, OperatorContext context);
}
