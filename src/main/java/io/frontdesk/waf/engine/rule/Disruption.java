package io.frontdesk.waf.engine.rule;

import io.frontdesk.waf.engine.macro.Macro;

/**
 * What a matching rule does to the transaction: nothing ({@code pass}), stop it ({@code deny},
 * {@code drop}, {@code redirect}), or let it through unexamined ({@code allow}, for the rest of the
 * phase, of the request, or of the transaction). {@code status} is 0 when the rule names none.
 */
public record Disruption(Kind kind, int status, Macro redirect, AllowScope allowScope) {

    public enum Kind {
        PASS, BLOCK, DENY, DROP, REDIRECT, ALLOW
    }

    public enum AllowScope {
        PHASE, REQUEST, TRANSACTION
    }

    public boolean stops() {
        return kind == Kind.DENY || kind == Kind.DROP || kind == Kind.REDIRECT;
    }
}
