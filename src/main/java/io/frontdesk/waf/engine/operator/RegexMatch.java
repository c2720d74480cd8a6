package io.frontdesk.waf.engine.operator;

import java.util.List;
import java.util.regex.PatternSyntaxException;

import io.frontdesk.waf.engine.macro.Macro;
import io.frontdesk.waf.engine.operator.regex.MatchLimitExceededException;
import io.frontdesk.waf.engine.operator.regex.PatternCache;
import io.frontdesk.waf.engine.operator.regex.PcrePattern;
import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.operator.regex.SharedScan;

/**
 * {@code @rx pattern}: matches when the PCRE pattern matches somewhere in the value; the groups 0
 * to 9 that took part in the match are the captures. The pattern is compiled when the rule is
 * loaded. One with macros is expanded at each evaluation (the expansion is pattern text, as in
 * ModSecurity) and compiled through a small cache; an expansion that does not compile matches
 * nothing. A match that runs out of its budget matches nothing either, and the context hears of
 * it, as ModSecurity sets {@code TX:MSC_PCRE_LIMITS_EXCEEDED}.
 */
final class RegexMatch implements Operator {

    /** Distinct expansions of one argument kept compiled; CRS expands a setting that rarely changes. */
    private static final int EXPANSIONS_KEPT = 16;

    private final PcrePattern pattern;
    private final Macro macro;
    private final PatternCache expansions;

    private RegexMatch(PcrePattern pattern, Macro macro) {
        this.pattern = pattern;
        this.macro = macro;
        this.expansions = pattern == null ? new PatternCache(EXPANSIONS_KEPT) : null;
    }

    static RegexMatch of(String argument) {
        Macro macro = Macro.parse(argument);
        if (!macro.isConstant()) {
            return new RegexMatch(null, macro);
        }
        try {
            return new RegexMatch(PcrePattern.compile(argument), null);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("@rx: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at offset " + e.getIndex() : "") + " in " + argument, e);
        }
    }

    /** A constant pattern is decided by the shared scan; one expanded from macros changes, and is not. */
    @Override
    public boolean joinScan(SharedScan scan) {
        if (pattern != null) {
            scan.add(pattern);
        }
        return pattern != null;
    }

    /** A constant pattern's verdict is the value's; one expanded from macros changes. */
    @Override
    public boolean decidedByValueAlone() {
        return pattern != null;
    }

    @Override
    public boolean decidedBy(SharedScan scan) {
        return pattern != null && pattern.decidedBy(scan);
    }

    @Override
    public boolean mayMatchOneOf(ScannedValue together) {
        return pattern == null || pattern.mayMatchOneOf(together);
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        PcrePattern compiled = pattern != null ? pattern : expansions.get(macro.expand(context)).orElse(null);
        if (compiled == null) {
            return false;
        }
        ScannedValue scanned = compiled == pattern ? context.scanned(value) : null;
        try {
            if (!context.capturing()) {
                return compiled.matches(value, scanned);
            }
            List<String> groups = compiled.groups(value, 9, scanned);
            if (groups == null) {
                return false;
            }
            for (int group = 0; group < groups.size(); group++) {
                if (groups.get(group) != null) {
                    context.capture(group, groups.get(group));
                }
            }
        } catch (MatchLimitExceededException e) {
            context.matchLimitExceeded(e.getMessage());
            return false;
        }
        return true;
    }
}
