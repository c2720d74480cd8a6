package io.frontdesk.waf.engine.seclang;

/**
 * One target of a rule, as written: a variable ({@code ARGS}), perhaps narrowed by a selector
 * ({@code ARGS:id}, {@code ARGS:/^id_/} when {@code regex}), counted ({@code &ARGS}) or excluded
 * ({@code !ARGS:password}).
 */
public record VariableSpec(Variable variable, String selector, boolean regex, boolean count, boolean excluded) {

    @Override
    public String toString() {
        String prefix = excluded ? "!" : count ? "&" : "";
        if (selector == null) {
            return prefix + variable;
        }
        return prefix + variable + ":" + (regex ? "/" + selector + "/" : selector);
    }
}
