package io.frontdesk.waf.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.frontdesk.waf.engine.rule.Rule;

/**
 * A phase's rules in load order, with where each rule's {@code skipAfter} lands worked out at
 * load: at the rule after the first marker ({@code SecMarker}) of that name that follows it, or
 * at the phase's end when none does. A transaction that skips goes there at once rather than
 * stepping over every rule between, which CRS makes it do for the rules above its paranoia level
 * (about half of them at level 1).
 */
final class PhaseRules {

    private final Rule[] rules;
    /** By rule, where its skipAfter lands; for a rule without one, unused. */
    private final int[] skipAfterLandings;

    private PhaseRules(Rule[] rules, int[] skipAfterLandings) {
        this.rules = rules;
        this.skipAfterLandings = skipAfterLandings;
    }

    /** The phase of these rules and markers, in load order. */
    static PhaseRules of(List<PhaseEntry> entries) {
        List<Rule> rules = new ArrayList<>();
        for (PhaseEntry entry : entries) {
            if (entry.rule() != null) {
                rules.add(entry.rule());
            }
        }
        int[] landings = new int[rules.size()];
        Map<String, Integer> nextMarkers = new HashMap<>();
        int rule = rules.size();
        for (int i = entries.size() - 1; i >= 0; i--) {
            PhaseEntry entry = entries.get(i);
            if (entry.rule() == null) {
                nextMarkers.put(entry.marker(), rule);
                continue;
            }
            rule--;
            String skipAfter = entry.rule().skipAfter();
            landings[rule] = skipAfter == null ? rule + 1 : nextMarkers.getOrDefault(skipAfter, rules.size());
        }
        return new PhaseRules(rules.toArray(Rule[]::new), landings);
    }

    int size() {
        return rules.length;
    }

    boolean isEmpty() {
        return rules.length == 0;
    }

    Rule rule(int index) {
        return rules[index];
    }

    /** Where the skipAfter of the rule at {@code index} lands: the index of the next rule to run. */
    int skipAfterLanding(int index) {
        return skipAfterLandings[index];
    }

    List<Rule> rules() {
        return Arrays.asList(rules);
    }
}
