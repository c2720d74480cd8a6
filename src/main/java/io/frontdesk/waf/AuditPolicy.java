package io.frontdesk.waf;

import io.frontdesk.config.WafProperties.AuditMode;
import io.frontdesk.waf.engine.Transaction;

/**
 * Which transactions get an audit line: {@code frontdesk.waf.audit.mode}, unless a rule's
 * {@code ctl:auditEngine} (On, Off, RelevantOnly) decides for its own transaction.
 */
record AuditPolicy(AuditMode mode, AuditLog log) {

    boolean wanted(Transaction transaction, boolean matched) {
        AuditMode effective = effectiveMode(transaction);
        return log != null && (effective == AuditMode.ALL || effective == AuditMode.RELEVANT && matched);
    }

    /** Whether the transaction may get a line once its logging phase has run, as far as is known before it. */
    boolean mayWant(Transaction transaction, boolean matchedSoFar) {
        return wanted(transaction, matchedSoFar || transaction.hasLoggingPhaseRules());
    }

    private AuditMode effectiveMode(Transaction transaction) {
        String engine = transaction.auditEngine();
        return engine == null ? mode
                : engine.equalsIgnoreCase("on") ? AuditMode.ALL
                : engine.equalsIgnoreCase("off") ? AuditMode.OFF : AuditMode.RELEVANT;
    }
}
