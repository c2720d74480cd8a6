package io.frontdesk.waf.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.frontdesk.waf.engine.rule.IdRanges;
import io.frontdesk.waf.engine.rule.Rule;
import io.frontdesk.waf.engine.rule.RuleInfo;
import io.frontdesk.waf.engine.variable.Target;

/**
 * What {@code ctl} (or the gateway's route settings) took out of one transaction: rules, by id or
 * tag, and targets of rules.
 */
final class RuleRemovals {

    private final List<IdRanges> ids = new ArrayList<>();
    private final Set<String> tags = new HashSet<>();
    private final List<TargetRemoval> targets = new ArrayList<>();

    private record TargetRemoval(IdRanges ids, String tag, Target target) {
        boolean appliesTo(RuleInfo rule) {
            return ids != null ? ids.contains(rule.id()) : rule.tags().contains(tag);
        }
    }

    void removeRules(IdRanges removed) {
        ids.add(removed);
    }

    void removeRulesByTag(String tag) {
        tags.add(tag);
    }

    void removeTarget(IdRanges rules, Target target) {
        targets.add(new TargetRemoval(rules, null, target));
    }

    void removeTargetByTag(String tag, Target target) {
        targets.add(new TargetRemoval(null, tag, target));
    }

    /** Whether the rule is out of the transaction. */
    boolean removes(RuleInfo rule) {
        if (ids.isEmpty() && tags.isEmpty()) {
            return false;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).contains(rule.id())) {
                return true;
            }
        }
        List<String> ruleTags = tags.isEmpty() ? List.of() : rule.tags();
        for (int i = 0; i < ruleTags.size(); i++) {
            if (tags.contains(ruleTags.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which values (by variable and key) {@code link}, a rule of the chain {@code head} starts,
     * leaves out: its own exclusions ({@code !ARGS:password}) and the targets removed from the
     * chain's rule in this transaction.
     */
    Exclusions exclusions(Rule link, Rule head) {
        List<Target> runtime = List.of();
        for (int i = 0; i < targets.size(); i++) {
            TargetRemoval removal = targets.get(i);
            if (removal.appliesTo(head.info())) {
                runtime = runtime.isEmpty() ? new ArrayList<>() : runtime;
                runtime.add(removal.target());
            }
        }
        if (link.exclusions().isEmpty() && runtime.isEmpty()) {
            return Exclusions.NONE;
        }
        return new Exclusions(link.exclusions(), runtime);
    }
}
