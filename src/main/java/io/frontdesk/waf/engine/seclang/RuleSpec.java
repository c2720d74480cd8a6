package io.frontdesk.waf.engine.seclang;

import java.util.List;

/**
 * A SecRule or SecAction as written; {@code chained} is the next rule of its chain, or {@code null}.
 * A SecAction has no variables and the operator {@code unconditionalMatch}.
 */
public record RuleSpec(List<VariableSpec> variables, OperatorSpec operator, List<ActionSpec> actions,
        RuleSpec chained, Source source) {

    /** The value of the first action of that name, or {@code null}. */
    public String action(String name) {
        for (ActionSpec action : actions) {
            if (action.name().equals(name)) {
                return action.argument() == null ? "" : action.argument();
            }
        }
        return null;
    }

    RuleSpec withChained(RuleSpec next) {
        return new RuleSpec(variables, operator, actions, next, source);
    }
}
