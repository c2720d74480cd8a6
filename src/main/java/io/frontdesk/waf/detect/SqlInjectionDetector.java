package io.frontdesk.waf.detect;

import java.util.Optional;

/**
 * SQL injection detection as libinjection does it: the input is tokenized as SQL as it stands,
 * and as if it began inside a {@code '...'} or {@code "..."} string (only when it holds that quote);
 * the tokens are folded to a fingerprint of at most five token types, and {@link SqlInjectionRules}
 * decides whether that fingerprint is an injection. Where MySQL would read its comments
 * differently, the input is read in both dialects. Inputs are byte strings (one char a byte);
 * time is linear in the input, and a detection allocates a few small objects: each thread reads
 * with a tokenizer and folds in a folder of its own, reused reading after reading.
 */
public final class SqlInjectionDetector {

    private static final ThreadLocal<SqlFolder> FOLDERS = ThreadLocal.withInitial(SqlFolder::new);
    private static final ThreadLocal<SqlTokenizer> TOKENIZERS =
            ThreadLocal.withInitial(() -> new SqlTokenizer("", (char) 0, false));

    private SqlInjectionDetector() {
    }

    /** The fingerprint of the injection found (as CRS logs it), or empty when the input is none. */
    public static Optional<String> detect(String input) {
        if (input == null || input.isEmpty()) {
            return Optional.empty();
        }
        SqlFolder folder = FOLDERS.get();
        SqlFingerprint found = inEitherDialect(input, (char) 0, folder);
        if (found == null && input.indexOf('\'') >= 0) {
            found = inEitherDialect(input, '\'', folder);
        }
        if (found == null && input.indexOf('"') >= 0) {
            found = injection(input, '"', true, folder);
        }
        return found == null ? Optional.empty() : Optional.of(found.letters());
    }

    /** Reads in the ANSI dialect, and then in MySQL's if that one reads a comment otherwise. */
    private static SqlFingerprint inEitherDialect(String input, char quote, SqlFolder folder) {
        SqlFingerprint ansi = SqlFingerprint.of(folder, TOKENIZERS.get().read(input, quote, false));
        if (SqlInjectionRules.isInjection(ansi)) {
            return ansi;
        }
        return ansi.mysqlReadsOtherwise() ? injection(input, quote, true, folder) : null;
    }

    private static SqlFingerprint injection(String input, char quote, boolean mysql, SqlFolder folder) {
        SqlFingerprint print = SqlFingerprint.of(folder, TOKENIZERS.get().read(input, quote, mysql));
        return SqlInjectionRules.isInjection(print) ? print : null;
    }
}
