package io.frontdesk.waf.engine.seclang;

import java.util.List;

/** What a rule file says, in the order it says it; the engine applies these one after another. */
public sealed interface Statement {

    Source source();

    /** A rule (SecRule, SecAction), with its chain. */
    record Rule(RuleSpec rule) implements Statement {
        @Override
        public Source source() {
            return rule.source();
        }
    }

    /** SecMarker: a place skipAfter can jump to. */
    record Marker(String name, Source source) implements Statement {
    }

    /** SecDefaultAction: the actions every later rule of that phase starts from. */
    record DefaultActions(List<ActionSpec> actions, Source source) implements Statement {
    }

    /** An engine setting: SecRuleEngine, SecRequestBodyAccess, SecRequestBodyLimit and the like. */
    record Setting(String name, String value, Source source) implements Statement {
    }

    /** SecRuleRemoveById (ids and ranges), SecRuleRemoveByTag, SecRuleRemoveByMsg. */
    record Removal(String by, List<String> values, Source source) implements Statement {
    }

    /** SecRuleUpdateTargetById / ByTag: targets added to (or, with {@code !}, excluded from) rules. */
    record TargetUpdate(String by, String rules, List<VariableSpec> targets, String replacing, Source source)
            implements Statement {
    }

    /** SecRuleUpdateActionById: actions replacing those of the same name in a rule. */
    record ActionUpdate(String ruleId, List<ActionSpec> actions, Source source) implements Statement {
    }
}
