package io.frontdesk.waf.engine.rule;

import java.util.List;
import java.util.Set;

import io.frontdesk.waf.engine.operator.Operator;
import io.frontdesk.waf.engine.transform.TransformationChain;
import io.frontdesk.waf.engine.variable.Target;

/**
 * A rule ready to run: what it inspects ({@code targets} less {@code exclusions}), how values are
 * transformed, its operator, what it does on each matching value ({@code matchActions}) and, for
 * the first rule of a chain, what it does once the whole chain matched: its disruption, the rules
 * it skips, whether it is logged. {@code chained} is the next rule of the chain, or {@code null}.
 * {@code transformations} is one of the rule set's chains, so that values transformed alike are
 * transformed once per transaction. {@code verdictSlot} numbers the rule among those whose verdicts a
 * value's record remembers (the first of its slots, {@link VerdictSlots}), or is -1.
 */
public record Rule(RuleInfo info, List<Target> targets, List<Target> exclusions, Operator operator, boolean negated,
        String operatorText, TransformationChain transformations, boolean multiMatch, int verdictSlot,
        boolean capture, List<MatchAction> matchActions, Disruption disruption, int skip, String skipAfter,
        boolean log, boolean auditLog, Rule chained) {

    public int id() {
        return info.id();
    }

    public int phase() {
        return info.phase();
    }

    /** Adds the names of the TX variables this rule and the rest of its chain set (see {@link SetVar#txName()}). */
    public void addTxNames(Set<String> names) {
        for (MatchAction action : matchActions) {
            if (action instanceof SetVar setVar && setVar.txName() != null) {
                names.add(setVar.txName());
            }
        }
        if (chained != null) {
            chained.addTxNames(names);
        }
    }
}
