package io.frontdesk.waf.engine;

import java.util.ArrayList;
import java.util.List;

import io.frontdesk.waf.engine.rule.MatchAction;
import io.frontdesk.waf.engine.rule.Rule;
import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.transform.TransformationChain;
import io.frontdesk.waf.engine.variable.Target;
import io.frontdesk.waf.engine.variable.VariableValue;

/**
 * Evaluates one rule of a transaction, its chain included. For each rule of the chain, the values
 * of its targets (less those excluded) go through its transformations to its operator; each
 * matching value sets MATCHED_VAR, MATCHED_VAR_NAME and MATCHED_VARS and runs the rule's
 * non-disruptive actions. The chain's next rule is evaluated once its rule matched a value; the
 * chain matches when its last rule does.
 */
final class RuleEvaluator {

    /** How an evaluation ended. */
    enum Outcome {
        MATCHED,
        NOT_MATCHED,
        /** The budget ran out before every value was evaluated: whether the rule matches is not known. */
        BUDGET_SPENT
    }

    private final Variables variables;
    private final RuleRemovals removals;
    private final TransformedValues transformed;
    private final RuleScope scope;
    private final RuleGate gate;
    private final List<VariableValue> values = new ArrayList<>();
    private Rule head;
    private Rule link;
    /** The number of the chain that made the value the operator is given; -1 when it is given none. */
    private int reading;
    /** What the chains made of the value being evaluated. */
    private TransformedValues.Made made;

    RuleEvaluator(Variables variables, RuleRemovals removals, TransformedValues transformed, RuleScope scope,
            RuleGate gate) {
        this.variables = variables;
        this.removals = removals;
        this.transformed = transformed;
        this.scope = scope;
        this.gate = gate;
    }

    /** A phase begins, its rules sharing {@code scan}. */
    void startPhase(SideScan scan) {
        gate.startPhase(scan);
    }

    /** A rule's action changed a variable rules inspect (ENV, REQBODY_PROCESSOR): what the gate found is forgotten. */
    void variablesChanged() {
        gate.forget();
    }

    /** The chain being evaluated (or last evaluated) by its first rule, whose facts RULE gives; or {@code null}. */
    Rule rule() {
        return head;
    }

    /** The number of the chain that made the value the operator is given (0: none, the value as it came); -1 when it is given no value. */
    int reading() {
        return reading;
    }

    /** What the chains made of the value the operator is given, {@link #reading} telling which; {@code null} when it is given none. */
    TransformedValues.Made readingFrom() {
        return reading < 0 ? null : made;
    }

    /** Whether the rule of the chain being evaluated asked for captures. */
    boolean capturing() {
        return link != null && link.capture();
    }

    /** Evaluates the chain {@code chain} starts, counting each value on {@code meter}. */
    Outcome evaluate(Rule chain, BudgetMeter meter) {
        variables.matchedVars.clear();
        head = chain;
        if (gate.turnsAway(chain, meter)) {
            return Outcome.NOT_MATCHED;
        }
        for (Rule next = chain; next != null; next = next.chained()) {
            Outcome outcome = evaluateLink(next, meter);
            if (outcome != Outcome.MATCHED) {
                return outcome;
            }
        }
        return Outcome.MATCHED;
    }

    private Outcome evaluateLink(Rule rule, BudgetMeter meter) {
        link = rule;
        if (rule.targets().isEmpty()) {
            reading = -1;
            boolean matched = rule.operator().matches("", scope) != rule.negated();
            if (matched) {
                onMatch(rule, "", "");
            }
            return matched ? Outcome.MATCHED : Outcome.NOT_MATCHED;
        }
        values.clear();
        Exclusions excluded = removals.exclusions(rule, head);
        List<Target> targets = rule.targets();
        for (int i = 0; i < targets.size(); i++) {
            variables.select(targets.get(i), excluded, values);
        }
        boolean any = false;
        for (int i = 0; i < values.size(); i++) {
            VariableValue value = values.get(i);
            if (meter.value(value.value())) {
                return Outcome.BUDGET_SPENT;
            }
            String matchedValue = matchValue(rule, value);
            if (matchedValue != null) {
                any = true;
                onMatch(rule, value.name(), matchedValue);
            }
        }
        return any ? Outcome.MATCHED : Outcome.NOT_MATCHED;
    }

    /** The value the operator matched (transformed), or {@code null} when it matched none. */
    private String matchValue(Rule rule, VariableValue variableValue) {
        made = transformed.of(variableValue);
        if (rule.multiMatch()) {
            String value = made.made(0);
            reading = 0;
            if (operatorMatches(rule, value, 0) != rule.negated()) {
                return value;
            }
            List<TransformationChain> steps = rule.transformations().steps();
            for (int i = 0; i < steps.size(); i++) {
                String next = TransformedValues.of(made, steps.get(i));
                reading = steps.get(i).index();
                if (!next.equals(value) && operatorMatches(rule, next, i + 1) != rule.negated()) {
                    return next;
                }
                value = next;
            }
            return null;
        }
        String value = TransformedValues.of(made, rule.transformations());
        reading = rule.transformations().index();
        return operatorMatches(rule, value, 0) != rule.negated() ? value : null;
    }

    /**
     * Whether the rule's operator matches the {@code string}th string it tries of the value (0: the
     * one its chain made; with {@code multiMatch}, the value as it came, then what each step made),
     * as the value's record remembers when it does. A verdict is remembered in a record its thread
     * keeps, unless the match gave up, or matched for a rule that captures: its captures are made
     * again each time.
     */
    private boolean operatorMatches(Rule rule, String value, int string) {
        if (rule.verdictSlot() < 0 || !made.kept()) {
            return rule.operator().matches(value, scope);
        }
        int slot = rule.verdictSlot() + string;
        if (made.decided(slot)) {
            return made.matched(slot);
        }
        int givenUp = scope.matchesGivenUp();
        boolean matched = rule.operator().matches(value, scope);
        if (scope.matchesGivenUp() == givenUp && !(matched && rule.capture())) {
            made.decide(slot, matched);
        }
        return matched;
    }

    private void onMatch(Rule rule, String name, String value) {
        variables.scalars.put(Variable.MATCHED_VAR, value);
        variables.scalars.put(Variable.MATCHED_VAR_NAME, name);
        variables.matchedVars.add(name, value);
        List<MatchAction> actions = rule.matchActions();
        for (int i = 0; i < actions.size(); i++) {
            actions.get(i).apply(scope);
        }
    }
}
