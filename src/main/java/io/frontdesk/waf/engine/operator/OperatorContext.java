package io.frontdesk.waf.engine.operator;

import io.frontdesk.waf.engine.macro.MacroScope;
import io.frontdesk.waf.engine.operator.regex.ScannedValue;

/** What an operator may use while it decides: macro values, and where captures go. */
public interface OperatorContext extends MacroScope {

    /** Whether the rule asked for captures ({@code capture}): only then are they worth making. */
    boolean capturing();

    /** Capture {@code index} (0 to 9, TX.0 being the whole match). */
    void capture(int index, String text);

    /**
     * A regular expression gave up on a value before deciding, having spent its budget (see
     * {@code PcrePattern}); the operator did not match. ModSecurity sets
     * {@code TX:MSC_PCRE_LIMITS_EXCEEDED} to 1 here, which its recommended rule 200005 denies on.
     */
    void matchLimitExceeded(String detail);

    /**
     * What the rule set's {@link io.frontdesk.waf.engine.operator.regex.SharedScan} found in the
     * value, made once per value however many operators ask; {@code null} where there is no such
     * scan, and operators then look for themselves.
     */
    default ScannedValue scanned(String value) {
        return null;
    }
}
