package io.frontdesk.waf.engine;

import java.util.List;

import io.frontdesk.waf.engine.rule.Disruption;
import io.frontdesk.waf.engine.rule.Rule;
import io.frontdesk.waf.engine.rule.RuleInfo;
import io.frontdesk.waf.engine.seclang.Variable;

/**
 * Runs a phase's rules for one transaction, in file order: {@code SecMarker} places,
 * {@code skip} and {@code skipAfter}, the rules {@code ctl} removed, the budget counted at each
 * rule. For a rule that matched: its log entry, then its disruptive action, then its skip.
 */
final class PhaseRunner {

    private static final int MOST_LOG_DATA = 512;

    private final Transaction transaction;
    private final RuleSet ruleSet;
    private final Variables variables;
    private final RuleRemovals removals;
    private final RuleEvaluator evaluator;
    private final RuleScope scope;
    private final List<RuleMatch> matches;

    /** @param matches where the logged rules that matched go */
    PhaseRunner(Transaction transaction, RuleSet ruleSet, Variables variables, RuleRemovals removals,
            RuleEvaluator evaluator, RuleScope scope, List<RuleMatch> matches) {
        this.transaction = transaction;
        this.ruleSet = ruleSet;
        this.variables = variables;
        this.removals = removals;
        this.evaluator = evaluator;
        this.scope = scope;
        this.matches = matches;
    }

    /** Runs the phase (1 to 5); the interruption in force after it, or {@code null}. */
    Interruption run(int phase) {
        if (transaction.mode() == EngineMode.OFF) {
            return null;
        }
        if (phase != 5 && (transaction.interruption() != null || transaction.allows(phase))) {
            return transaction.interruption();
        }
        BudgetMeter meter = transaction.meter();
        evaluator.startPhase(ruleSet.scan(phase));
        PhaseRules rules = ruleSet.phase(phase);
        int skip = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (skip > 0) {
                skip--;
                continue;
            }
            Rule rule = rules.rule(i);
            if (removals.removes(rule.info())) {
                continue;
            }
            if (meter.rule()) {
                return transaction.budgetSpent();
            }
            RuleEvaluator.Outcome outcome = evaluator.evaluate(rule, meter);
            if (outcome == RuleEvaluator.Outcome.BUDGET_SPENT) {
                return transaction.budgetSpent();
            }
            if (outcome == RuleEvaluator.Outcome.NOT_MATCHED) {
                continue;
            }
            log(rule);
            Disruption disruption = rule.disruption();
            if (transaction.mode() == EngineMode.ON && disruption.stops() && phase != 5) {
                return transaction.interrupt(interruption(rule));
            }
            if (transaction.mode() == EngineMode.ON && disruption.kind() == Disruption.Kind.ALLOW) {
                transaction.allow(disruption.allowScope());
                return null;
            }
            skip = rule.skip();
            if (rule.skipAfter() != null) {
                i = rules.skipAfterLanding(i) - 1;
            }
        }
        return null;
    }

    private void log(Rule rule) {
        if (!rule.log()) {
            return;
        }
        RuleInfo info = rule.info();
        if (info.severity() >= 0) {
            variables.highestSeverity = Math.min(variables.highestSeverity, info.severity());
        }
        String data = info.logdata() == null ? "" : info.logdata().expand(scope);
        matches.add(new RuleMatch(info, info.msg() == null ? "" : info.msg().expand(scope),
                data.length() > MOST_LOG_DATA ? data.substring(0, MOST_LOG_DATA) : data,
                variables.scalars.getOrDefault(Variable.MATCHED_VAR_NAME, ""),
                variables.scalars.getOrDefault(Variable.MATCHED_VAR, "")));
    }

    private Interruption interruption(Rule rule) {
        Disruption disruption = rule.disruption();
        switch (disruption.kind()) {
            case DROP:
                return new Interruption(Interruption.Action.DROP, 0, null, rule.id());
            case REDIRECT:
                return new Interruption(Interruption.Action.REDIRECT,
                        disruption.status() != 0 ? disruption.status() : 302, disruption.redirect().expand(scope),
                        rule.id());
            default:
                return new Interruption(Interruption.Action.DENY,
                        disruption.status() != 0 ? disruption.status() : ruleSet.settings().denyStatus(), null,
                        rule.id());
        }
    }
}
