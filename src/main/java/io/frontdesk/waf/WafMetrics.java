package io.frontdesk.waf;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The WAF's meters: {@code frontdesk_waf_transactions_total{action}} (blocked, detected, pass),
 * {@code frontdesk_waf_rule_matches_total{rule}}, {@code frontdesk_waf_evaluation_seconds} (time
 * in the rules per transaction, a histogram), {@code frontdesk_waf_rules} (rules loaded) and
 * {@code frontdesk_waf_reloads_total{outcome}}.
 */
final class WafMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> transactions = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> matches = new ConcurrentHashMap<>();
    private final Timer evaluation;

    WafMetrics(MeterRegistry registry, WafRules rules) {
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
    }

    void transaction(String action, long evaluationNanos) {
        transactions.get(action).increment();
        evaluation.record(Duration.ofNanos(evaluationNanos));
    }

    void ruleMatched(int ruleId) {
        matches.computeIfAbsent(ruleId, id -> Counter.builder("frontdesk.waf.rule.matches")
                .tag("rule", Integer.toString(id)).description("Logged rule matches, by rule id").register(registry))
                .increment();
    }

    void reload(boolean succeeded) {
        registry.counter("frontdesk.waf.reloads", "outcome", succeeded ? "success" : "failure").increment();
    }
}
