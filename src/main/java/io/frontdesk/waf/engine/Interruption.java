package io.frontdesk.waf.engine;

/**
 * How a transaction is stopped: refused with {@code status} ({@code deny}), its connection closed
 * ({@code drop}), or redirected to {@code location}; {@code ruleId} is the rule that stopped it,
 * 0 when the engine itself did (a body over its limit).
 */
public record Interruption(Action action, int status, String location, int ruleId) {

    public enum Action {
        DENY, DROP, REDIRECT
    }
}
