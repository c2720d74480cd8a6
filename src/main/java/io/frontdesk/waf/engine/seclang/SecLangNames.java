package io.frontdesk.waf.engine.seclang;

import java.util.Set;

/**
 * The actions SecLang files may name: those of the ModSecurity reference that the OWASP Core Rule
 * Set (v3.3 and v4) uses, and the rest the engine supports. Variables are those of
 * {@link Variable}; operators and transformations the ones {@code Operators} and
 * {@code Transformations} have. A rule naming anything else is an error at load time, naming its
 * file and line.
 */
final class SecLangNames {

    static final Set<String> ACTIONS = Set.of("id", "phase", "msg", "logdata", "tag", "ver", "rev", "severity",
            "maturity", "accuracy", "chain", "t", "capture", "setvar", "expirevar", "initcol", "block", "deny", "drop",
            "pass", "allow", "status", "redirect", "skip", "skipAfter", "ctl", "log", "nolog", "auditlog",
            "noauditlog", "multiMatch", "setenv", "sanitiseMatched", "sanitizeMatched");

    private SecLangNames() {
    }
}
