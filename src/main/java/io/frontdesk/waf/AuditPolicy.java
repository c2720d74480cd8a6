package io.frontdesk.waf;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.waf.engine.Transaction;

/**
 * Which transactions get an audit line: {@code relevant} (those a rule matched), {@code all} or
 * {@code off}; a rule's {@code ctl:auditEngine} (On, Off, RelevantOnly) decides for its own
 * transaction.
 */
record AuditPolicy(String mode, AuditLog log) {

    static AuditPolicy of(String mode, AuditLog log) {
        if (!mode.equals("relevant") && !mode.equals("all") && !mode.equals("off")) {
            throw new InvalidConfigurationException("frontdesk.waf.audit.mode",
                    "must be relevant, all or off, was '" + mode + "'");
        }
        return new AuditPolicy(mode, log);
    }

    boolean wanted(Transaction transaction, boolean matched) {
        String engine = transaction.auditEngine();
        String effective = engine == null ? mode
                : engine.equalsIgnoreCase("on") ? "all" : engine.equalsIgnoreCase("off") ? "off" : "relevant";
        return log != null && (effective.equals("all") || (effective.equals("relevant") && matched));
    }
}
