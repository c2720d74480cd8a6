package io.frontdesk.waf.engine.rule;

import java.util.Locale;

import io.frontdesk.waf.engine.EngineMode;
import io.frontdesk.waf.engine.EngineSettings;
import io.frontdesk.waf.engine.variable.Target;

/**
 * {@code ctl:name=value}: changes the engine's configuration for the current transaction only,
 * read once when the rule is loaded.
 */
final class Control {

    private Control() {
    }

    /** An {@link IllegalArgumentException} naming the control when it is unknown or its value bad. */
    static MatchAction parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("ctl needs name=value, not '" + text + "'");
        }
        String name = text.substring(0, equals).strip();
        String value = text.substring(equals + 1).strip();
        switch (name) {
            case "ruleEngine" -> {
                EngineMode mode = EngineMode.parse(value);
                return context -> context.setMode(mode);
            }
            case "ruleRemoveById" -> {
                IdRanges ids = IdRanges.parse(value);
                return context -> context.removeRules(ids);
            }
            case "ruleRemoveByTag" -> {
                return context -> context.removeRulesByTag(value);
            }
            case "ruleRemoveTargetById" -> {
                int semicolon = semicolon(name, value);
                IdRanges ids = IdRanges.parse(value.substring(0, semicolon));
                Target target = Target.excluding(value.substring(semicolon + 1));
                return context -> context.removeTarget(ids, target);
            }
            case "ruleRemoveTargetByTag" -> {
                int semicolon = semicolon(name, value);
                String tag = value.substring(0, semicolon);
                Target target = Target.excluding(value.substring(semicolon + 1));
                return context -> context.removeTargetByTag(tag, target);
            }
            case "requestBodyProcessor" -> {
                String processor = value.toUpperCase(Locale.ROOT);
                return context -> context.setRequestBodyProcessor(processor);
            }
            case "requestBodyAccess" -> {
                boolean on = EngineSettings.onOff("ctl:" + name, value);
                return context -> context.setRequestBodyAccess(on);
            }
            case "forceRequestBodyVariable" -> {
                boolean on = EngineSettings.onOff("ctl:" + name, value);
                return context -> context.forceRequestBodyVariable(on);
            }
            case "auditEngine" -> {
                return context -> context.setAuditEngine(value);
            }
            case "auditLogParts", "debugLogLevel" -> {
                return context -> {
                };
            }
            default -> throw new IllegalArgumentException("unknown ctl '" + name + "'");
        }
    }

    private static int semicolon(String name, String value) {
        int semicolon = value.indexOf(';');
        if (semicolon < 0) {
            throw new IllegalArgumentException("ctl:" + name + " needs RULES;TARGET, not '" + value + "'");
        }
        return semicolon;
    }
}
