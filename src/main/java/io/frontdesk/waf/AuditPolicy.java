package io.frontdesk.waf;

import io.frontdesk.config.WafProperties.AuditMode;
import io.frontdesk.waf.engine.Transaction;

/**
 * Which transactions get an audit line: {@code frontdesk.waf.audit.mode}, unless a rule's
 * {@code ctl:auditEngine} (On, Off, RelevantOnly) decides for its own transaction.
 */
record AuditPolicy(AuditMode mode, AuditLog log) {

    boolean wanted(Transaction transaction, boolean matched) {
        String engine = transaction.auditEngine();
        AuditMode effective = engine == null ? mode
                : engine.equalsIgnoreCase("on") ? AuditMode.ALL
                : engine.equalsIgnoreCase("off") ? AuditMode.OFF : AuditMode.RELEVANT;
        return log != null && (effective == AuditMode.ALL || effective == AuditMode.RELEVANT && matched);
    }
}
