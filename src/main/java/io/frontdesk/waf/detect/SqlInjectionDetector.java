package io.frontdesk.waf.detect;

import java.util.Optional;

/**
 * SQL injection detection in the manner of libinjection: the input is tokenized as SQL, as it
 * stands and as if it began inside a {@code '...'} or {@code "..."} string; each token stream is
 * folded to a short fingerprint of token types; {@link SqlInjectionRules} decides whether the
 * fingerprint is an attack. Inputs are byte strings (one char a byte). Time is linear in the
 * input: each reading stops once its fingerprint is full.
 */
public final class SqlInjectionDetector {

    private static final char[] QUOTES = {0, '\'', '"'};

    private SqlInjectionDetector() {
    }

    /** The fingerprint of the injection found (as CRS logs it), or empty when the input is none. */
    public static Optional<String> detect(String input) {
        if (input == null || input.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> found = detectIn(input);
        if (found.isEmpty()) {
            String joined = joinWordsSplitByComments(input);
            if (!joined.equals(input)) {
                found = detectIn(joined);
            }
        }
        return found;
    }

    private static Optional<String> detectIn(String input) {
        boolean mysqlDiffers = input.indexOf('#') >= 0 || input.contains("--");
        for (char quote : QUOTES) {
            if (quote != 0 && input.indexOf(quote) < 0) {
                continue;
            }
            for (int dialect = 0; dialect < (mysqlDiffers ? 2 : 1); dialect++) {
                SqlFingerprint print = SqlFolder.fold(new SqlTokenizer(input, quote, dialect == 1), quote);
                if (SqlInjectionRules.isInjection(print)) {
                    return Optional.of(print.letters());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The input without the comments that stand inside a word ({@code UN/**}{@code /ION}): old
     * MySQL releases and filters that strip comments read such words whole.
     */
    static String joinWordsSplitByComments(String input) {
        int open = input.indexOf("/*");
        if (open < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        int copied = 0;
        while (open >= 0) {
            int close = input.indexOf("*/", open + 2);
            if (close < 0) {
                break;
            }
            int after = close + 2;
            if (open > 0 && SqlTokenizer.isWordChar(input.charAt(open - 1)) && after < input.length()
                    && SqlTokenizer.isWordChar(input.charAt(after))) {
                out.append(input, copied, open);
                copied = after;
            }
            open = input.indexOf("/*", after);
        }
        return out.append(input, copied, input.length()).toString();
    }
}
