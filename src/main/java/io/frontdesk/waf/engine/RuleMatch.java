package io.frontdesk.waf.engine;

import io.frontdesk.waf.engine.rule.RuleInfo;

/**
 * A rule (a whole chain) that matched and is logged: its message and log data, expanded when it
 * matched, and the variable that matched last ({@code ARGS:id}) with its transformed value.
 */
public record RuleMatch(RuleInfo rule, String message, String data, String matchedVariable, String matchedValue) {
}
