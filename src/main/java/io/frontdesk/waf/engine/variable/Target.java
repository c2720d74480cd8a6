package io.frontdesk.waf.engine.variable;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.seclang.VariableSpec;

/**
 * A rule target, ready to select: a variable, and perhaps a key ({@code ARGS:id}) or a key pattern
 * ({@code ARGS:/^id_/}); counted ({@code &ARGS}) or excluded ({@code !ARGS:password}). Keys and key
 * patterns ignore case, as ModSecurity's collections do.
 */
public final class Target {

    /** A key pattern of letters, digits, {@code _} and {@code -} only, perhaps anchored at the start, perhaps ending with {@code .*}. */
    private static final Pattern LITERAL_KEY_PATTERN = Pattern.compile("(\\^?)([A-Za-z0-9_-]+)(?:\\.\\*)?");

    private final Variable variable;
    private final String key;
    private final String lowerCaseKey;
    private final Pattern keyPattern;
    /**
     * The text a key pattern that is a literal asks for ({@code ^header_name_}), in lower case: such
     * a key pattern is matched without a regex, every key of TX being tried with it. Null for other
     * patterns.
     */
    private final String literal;
    /** Whether {@link #literal} must start the key. */
    private final boolean anchored;
    /** Each thread's matcher of the key pattern: a collection's keys are tried one after another, many times. */
    private final ThreadLocal<Matcher> keyMatchers;
    private final boolean count;
    private final boolean excluded;
    /** The same selection, its values listed rather than counted: this target itself when it does not count. */
    private final Target uncounted;
    /** What {@link #toString} gives, made when first asked for (a rule set is shared: a race only makes it twice). */
    private String text;

    private Target(Variable variable, String key, Pattern keyPattern, boolean count, boolean excluded) {
        this.variable = variable;
        this.key = key;
        this.lowerCaseKey = key == null ? null : key.toLowerCase(Locale.ROOT);
        this.keyPattern = keyPattern;
        Matcher literalKey = keyPattern == null ? null : LITERAL_KEY_PATTERN.matcher(keyPattern.pattern());
        boolean isLiteral = literalKey != null && literalKey.matches();
        this.literal = isLiteral ? literalKey.group(2).toLowerCase(Locale.ROOT) : null;
        this.anchored = isLiteral && !literalKey.group(1).isEmpty();
        this.keyMatchers = keyPattern == null || literal != null ? null
                : ThreadLocal.withInitial(() -> keyPattern.matcher(""));
        this.count = count;
        this.excluded = excluded;
        this.uncounted = count ? new Target(variable, key, keyPattern, false, excluded) : this;
    }

    /** A bad key pattern is an {@link IllegalArgumentException} naming it. */
    public static Target of(VariableSpec spec) {
        Pattern pattern = null;
        if (spec.regex()) {
            try {
                pattern = Pattern.compile(spec.selector(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad key pattern in " + spec + ": " + e.getMessage(), e);
            }
        }
        return new Target(spec.variable(), spec.regex() ? null : spec.selector(), pattern, spec.count(),
                spec.excluded());
    }

    /** The target of every value of the variable. */
    public static Target whole(Variable variable) {
        return new Target(variable, null, null, false, false);
    }

    /**
     * Parses {@code ARGS:foo} or {@code REQUEST_COOKIES:/^_ga/} as {@code ctl:ruleRemoveTargetById}
     * writes it; a variable the engine does not know is an {@link IllegalArgumentException} naming it.
     */
    public static Target excluding(String text) {
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).strip().toUpperCase(java.util.Locale.ROOT);
        Variable variable = Variable.named(name);
        if (variable == null) {
            throw new IllegalArgumentException("unknown variable " + name);
        }
        String selector = colon < 0 ? null : text.substring(colon + 1).strip();
        boolean regex = selector != null && selector.length() > 1 && selector.startsWith("/") && selector.endsWith("/");
        return of(new VariableSpec(variable, regex ? selector.substring(1, selector.length() - 1) : selector, regex,
                false, true));
    }

    /** The same selection, its values listed rather than counted. */
    public Target uncounted() {
        return uncounted;
    }

    public Variable variable() {
        return variable;
    }

    /** The key as written, or {@code null} when the target has none or a key pattern. */
    public String key() {
        return key;
    }

    /** {@link #key} in lower case, as TX and the persistent collections keep their keys. */
    public String lowerCaseKey() {
        return lowerCaseKey;
    }

    public boolean count() {
        return count;
    }

    public boolean excluded() {
        return excluded;
    }

    /** Whether the target takes every key of its collection. */
    public boolean whole() {
        return key == null && keyPattern == null;
    }

    public boolean selects(String candidate) {
        if (key != null) {
            return key.equalsIgnoreCase(candidate);
        }
        if (literal != null) {
            return anchored ? literalAt(candidate, 0) : literalIn(candidate);
        }
        return keyPattern == null || keyMatchers.get().reset(candidate).find();
    }

    private boolean literalIn(String candidate) {
        for (int at = 0; at + literal.length() <= candidate.length(); at++) {
            if (literalAt(candidate, at)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #literal} occurs at that place of the candidate, ignoring ASCII case as the key pattern does. */
    private boolean literalAt(String candidate, int at) {
        if (at + literal.length() > candidate.length()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = candidate.charAt(at + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** As written, {@code &ARGS:id} say: the name of a count's value. */
    @Override
    public String toString() {
        if (text == null) {
            String prefix = excluded ? "!" : count ? "&" : "";
            text = whole() ? prefix + variable
                    : prefix + variable + ":" + (key != null ? key : "/" + keyPattern.pattern() + "/");
        }
        return text;
    }
}
