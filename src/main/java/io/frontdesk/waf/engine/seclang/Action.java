package io.frontdesk.waf.engine.seclang;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every action a SecLang rule may name: those of the ModSecurity reference that the OWASP Core
 * Rule Set (v3.3 and v4) uses, and the rest the engine supports. A rule naming any other is an
 * error at load time, naming its file and line.
 */
public enum Action {

    ID("id"), PHASE("phase"), MSG("msg"), LOGDATA("logdata"), TAG("tag"), VER("ver"), REV("rev"),
    SEVERITY("severity"), MATURITY("maturity"), ACCURACY("accuracy"), CHAIN("chain"), T("t"),
    CAPTURE("capture"), SETVAR("setvar"), EXPIREVAR("expirevar"), INITCOL("initcol"), SETENV("setenv"),
    CTL("ctl"), MULTI_MATCH("multiMatch"), STATUS("status"), SKIP("skip"), SKIP_AFTER("skipAfter"),
    LOG("log"), NOLOG("nolog"), AUDITLOG("auditlog"), NOAUDITLOG("noauditlog"),
    SANITISE_MATCHED("sanitiseMatched"), SANITIZE_MATCHED("sanitizeMatched"),
    PASS("pass", true), BLOCK("block", true), DENY("deny", true), DROP("drop", true), ALLOW("allow", true),
    REDIRECT("redirect", true);

    private static final Map<String, Action> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Action::secLangName, Function.identity()));

    private final String secLangName;
    private final boolean disruptive;

    Action(String secLangName) {
        this(secLangName, false);
    }

    Action(String secLangName, boolean disruptive) {
        this.secLangName = secLangName;
        this.disruptive = disruptive;
    }

    /** The action of that name, as rules write it ({@code skipAfter}), or {@code null}. */
    public static Action named(String name) {
        return BY_NAME.get(name);
    }

    public String secLangName() {
        return secLangName;
    }

    /** Whether it says what a matching rule does to the transaction; a rule has one such action. */
    public boolean disruptive() {
        return disruptive;
    }
}
