package io.frontdesk.waf.engine.rule;

/** A non-disruptive action, run each time its rule matches a value: setvar, ctl, initcol and the like. */
@FunctionalInterface
public interface MatchAction {

    void apply(RuleContext context);
}
