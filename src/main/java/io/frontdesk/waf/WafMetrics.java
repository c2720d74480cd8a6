package io.frontdesk.waf;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.frontdesk.config.Choices;
import io.frontdesk.waf.engine.InspectionBudget;
import io.frontdesk.waf.engine.rule.RuleInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The WAF's meters: {@code frontdesk_waf_transactions_total{action}} (blocked, detected, pass),
 * {@code frontdesk_waf_rule_matches_total{rule,family}}, {@code frontdesk_waf_blocked_matches_total{rule,family}}
 * (the rules that matched in blocked transactions), {@code frontdesk_waf_evaluation_seconds} (time
 * in the rules per transaction, a histogram), {@code frontdesk_waf_budget_exhausted_total{policy,phase}}
 * (transactions that spent their CPU budget, by the phase that spent it), {@code frontdesk_waf_rules}
 * (rules loaded) and {@code frontdesk_waf_reloads_total{outcome}}.
 */
final class WafMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> transactions = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> matches = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> blockedMatches = new ConcurrentHashMap<>();
    private final Timer evaluation;
    private final Counter[] budgetExhausted = new Counter[6];

    WafMetrics(MeterRegistry registry, WafRules rules, InspectionBudget.Policy budgetPolicy) {
        this.registry = registry;
        this.evaluation = Timer.builder("frontdesk.waf.evaluation")
                .description("Time spent in the WAF's rules per transaction").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofMillis(500))
                .register(registry);
        Gauge.builder("frontdesk.waf.rules", rules, loaded -> loaded.ruleSet().ruleCount())
                .description("Rules in the WAF's rule set in force").register(registry);
        for (String action : new String[] {"blocked", "detected", "pass"}) {
            transactions.put(action, Counter.builder("frontdesk.waf.transactions").tag("action", action)
                    .description("Transactions the WAF inspected, by what it did").register(registry));
        }
        for (int phase = 1; phase <= 5; phase++) {
            budgetExhausted[phase] = Counter.builder("frontdesk.waf.budget.exhausted")
                    .tag("policy", Choices.written(budgetPolicy)).tag("phase", Integer.toString(phase))
                    .description("Transactions that spent the WAF's CPU budget, by the phase that spent it")
                    .register(registry);
        }
    }

    void budgetExhausted(int phase) {
        budgetExhausted[phase].increment();
    }

    void transaction(String action, long evaluationNanos) {
        transactions.get(action).increment();
        evaluation.record(evaluationNanos, TimeUnit.NANOSECONDS);
    }

    void ruleMatched(RuleInfo rule, boolean blocked) {
        counter(matches, "frontdesk.waf.rule.matches", "Logged rule matches", rule).increment();
        if (blocked) {
            counter(blockedMatches, "frontdesk.waf.blocked.matches", "Logged rule matches of blocked transactions",
                    rule).increment();
        }
    }

    private Counter counter(Map<Integer, Counter> counters, String name, String description, RuleInfo rule) {
        return counters.computeIfAbsent(rule.id(), id -> Counter.builder(name).tag("rule", Integer.toString(id))
                .tag("family", family(rule)).description(description + ", by rule id and attack family")
                .register(registry));
    }

    /** The attack family a rule's tags name ({@code attack-sqli} gives {@code sqli}), or {@code other}. */
    static String family(RuleInfo rule) {
        for (String tag : rule.tags()) {
            if (tag.startsWith("attack-")) {
                return tag.substring("attack-".length());
            }
        }
        return "other";
    }

    void reload(boolean succeeded) {
        registry.counter("frontdesk.waf.reloads", "outcome", succeeded ? "success" : "failure").increment();
    }
}
