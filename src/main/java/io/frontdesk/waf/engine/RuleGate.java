package io.frontdesk.waf.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.frontdesk.waf.engine.operator.Operator;
import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.rule.Rule;
import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.transform.TransformationChain;
import io.frontdesk.waf.engine.variable.Target;
import io.frontdesk.waf.engine.variable.VariableValue;

/**
 * Turns rules away before their values are taken one by one. What the shared scan found in all the
 * values a variable gives through a chain, together ({@code SharedScan.union}), is kept for the
 * phase: a pattern or phrase list it rules out cannot match any of those values, so a rule whose
 * operator it rules out for each of its targets cannot match, and ARGS' hundred values are then
 * asked about once, not a hundred times, by each of the many rules that read them.
 *
 * <p>Only a rule whose not matching is certain from that is turned away: not negated, not
 * {@code multiMatch}, and reading only variables whose values change when a phase begins or an action
 * sets them (setenv, ctl:requestBodyProcessor; what it found is forgotten then), not TX, the
 * persistent collections, MATCHED_VAR and its kin, or a clock. A
 * target with a key or a key pattern has its own values asked about, and exclusions are ignored:
 * they only take values away.
 */
final class RuleGate {

    private static final Target[] WHOLE = Arrays.stream(Variable.values()).map(Target::whole).toArray(Target[]::new);
    private static final Set<Variable> MATCHED = EnumSet.of(Variable.MATCHED_VAR, Variable.MATCHED_VAR_NAME,
            Variable.MATCHED_VARS, Variable.MATCHED_VARS_NAMES);
    /** What a variable with no values gives: nothing for any operator to match. */
    private static final Object NO_VALUES = new Object();

    private final Variables variables;
    private final TransformedValues transformed;
    private final List<VariableValue> values = new ArrayList<>();
    private final List<ScannedValue> scans = new ArrayList<>();
    private SideScan side;
    /** By variable and chain: what the scan found in all the variable's values, or {@link #NO_VALUES}. */
    private final GateRecords together;
    private int generation = 1;

    /** @param pairs how many pairs of a whole variable and a chain the rules inspect */
    RuleGate(Variables variables, TransformedValues transformed, int pairs) {
        this.variables = variables;
        this.transformed = transformed;
        this.together = new GateRecords(pairs);
    }

    /** A phase begins, its rules sharing {@code scan}: what was found before is forgotten. */
    void startPhase(SideScan scan) {
        side = scan;
        forget();
    }

    /** A rule's action changed a variable rules inspect: what was found is forgotten. */
    void forget() {
        generation++;
    }

    /**
     * Whether the rule surely matches none of its values; the values scanned to tell are counted on
     * {@code meter}, and a rule is not turned away once it finds the budget spent.
     */
    boolean turnsAway(Rule rule, BudgetMeter meter) {
        if (rule.negated() || rule.multiMatch() || rule.targets().isEmpty()
                || !rule.operator().decidedBy(side.scan()) || !side.worthScanning(rule.transformations().index())) {
            return false;
        }
        List<Target> targets = rule.targets();
        for (int i = 0; i < targets.size(); i++) {
            if (!steady(targets.get(i))) {
                return false;
            }
        }
        Operator operator = rule.operator();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            if (target.whole() ? mayMatchWhole(operator, target.variable(), rule.transformations(), meter)
                    : mayMatchSome(operator, target, rule.transformations(), meter)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the target's values change only when a phase begins or an action says so
     * ({@link #forget}); MATCHED_VAR and its kin change with every match, and are not.
     */
    private boolean steady(Target target) {
        if (target.count() || MATCHED.contains(target.variable())) {
            return false;
        }
        return switch (target.variable().kind()) {
            case KEYED, NAMES, LIST -> true;
            // a scalar the transaction does not hold may be made when read, as DURATION is
            case SCALAR -> variables.scalars.containsKey(target.variable());
            default -> false;
        };
    }

    private boolean mayMatchWhole(Operator operator, Variable variable, TransformationChain chain,
            BudgetMeter meter) {
        int pair = variable.ordinal() * transformed.chains() + chain.index();
        Object found = together.get(pair, generation);
        if (found == null) {
            values.clear();
            variables.select(WHOLE[variable.ordinal()], Exclusions.NONE, values);
            found = values.isEmpty() ? NO_VALUES : union(chain, pair, meter);
            if (found == null) {
                return true; // the budget is spent: the rule's own evaluation stops at once
            }
            together.put(pair, found, generation);
        }
        return found instanceof ScannedValue scanned && operator.mayMatchOneOf(scanned);
    }

    private boolean mayMatchSome(Operator operator, Target target, TransformationChain chain, BudgetMeter meter) {
        values.clear();
        variables.select(target, Exclusions.NONE, values);
        if (values.isEmpty()) {
            return false;
        }
        ScannedValue found = union(chain, -1, meter);
        return found == null || operator.mayMatchOneOf(found);
    }

    /**
     * What the scan found in what the chain made of {@link #values}, together, as the thread kept it
     * for the variable and chain numbered {@code pair} when it can (-1: a target's own values; nor
     * when a value's record is the transaction's own, as the union could not come again); null once
     * the budget is spent.
     */
    private ScannedValue union(TransformationChain chain, int pair, BudgetMeter meter) {
        scans.clear();
        boolean allKept = pair >= 0;
        for (int i = 0; i < values.size(); i++) {
            if (meter.value(values.get(i).value())) {
                return null;
            }
            TransformedValues.Made made = transformed.of(values.get(i));
            allKept &= made.kept();
            scans.add(made.scanned(chain.index(), TransformedValues.of(made, chain), side));
        }
        return allKept ? transformed.recent().union(pair, scans, side.scan()) : side.scan().union(scans);
    }
}
