package io.frontdesk.waf.detect;

import static io.frontdesk.waf.detect.SqlTokenType.*;

/**
 * Decides whether a fingerprint is an injection, as libinjection does: it must be one of the
 * known fingerprints, and not one of the short ones that innocent text also gives, which are
 * held to what the tokens themselves show.
 */
final class SqlInjectionRules {

    private SqlInjectionRules() {
    }

    static boolean isInjection(SqlFingerprint print) {
        return SqlFingerprints.isInjection(print.letters()) && !looksInnocent(print);
    }

    private static boolean looksInnocent(SqlFingerprint print) {
        String letters = print.letters();
        if (letters.length() > 1 && letters.charAt(letters.length() - 1) == COMMENT.letter
                && print.input().contains("sp_password")) {
            // SQL Server leaves statements that mention sp_password out of its audit log
            return false;
        }
        return switch (letters.length()) {
            case 2 -> twoTokensLookInnocent(print);
            case 3 -> threeTokensLookInnocent(print);
            default -> false;
        };
    }

    private static boolean twoTokensLookInnocent(SqlFingerprint print) {
        SqlToken first = print.token(0);
        SqlToken second = print.token(1);
        if (second.is(UNION)) {
            // "1 union" may well be text; with anything folded or cut off on the way, it is not
            return print.tokensRead() == 2;
        }
        if (second.charAt(0) == '#') {
            return true;
        }
        if (first.is(BAREWORD) && second.is(COMMENT)) {
            // a word and a -- or # comment is prose; a /* comment is not
            return second.charAt(0) != '/';
        }
        if (first.is(NUMBER) && second.is(COMMENT)) {
            return second.charAt(0) != '/' && numberAndCommentLookInnocent(print, first);
        }
        // a -- comment with text after it is too common in prose, unlike one that ends the input
        return second.length() > 2 && second.charAt(0) == '-';
    }

    /**
     * {@code 1234-- } and {@code 1*1--} are scans; {@code 1234-ABCdef--}, base64-like text, is
     * not: the number must stand alone, followed by a blank or the comment itself.
     */
    private static boolean numberAndCommentLookInnocent(SqlFingerprint print, SqlToken number) {
        if (print.tokensRead() > 2) {
            return false;
        }
        String input = print.input();
        char after = charAt(input, number.length());
        // libinjection compares signed bytes: those from 0x80 up count as blanks too
        if (after <= ' ' || after >= 0x80) {
            return false;
        }
        char next = charAt(input, number.length() + 1);
        return !(after == '/' && next == '*' || after == '-' && next == '-');
    }

    private static char charAt(String input, int index) {
        return index < input.length() ? input.charAt(index) : 0;
    }

    private static boolean threeTokensLookInnocent(SqlFingerprint print) {
        String letters = print.letters();
        SqlToken first = print.token(0);
        SqlToken middle = print.token(1);
        SqlToken last = print.token(2);
        if (letters.equals("sos") || letters.equals("s&s")) {
            // foo' + 'bar: both strings run to the input's ends, around a pair of the same quote
            return !(first.openingQuote() == 0 && last.closingQuote() == 0
                    && first.closingQuote() == last.openingQuote());
        }
        if (letters.equals("s&n") || letters.equals("n&1") || letters.equals("1&1") || letters.equals("1&v")
                || letters.equals("1&s")) {
            // "sexy and 17" is text; "sexy and 17<18" had something folded
            return print.tokensRead() == 3;
        }
        if (middle.is(KEYWORD)) {
            // of keywords, only INTO OUTFILE and INTO DUMPFILE
            return middle.length() < 5 || !middle.startsWith("INTO");
        }
        return false;
    }
}
