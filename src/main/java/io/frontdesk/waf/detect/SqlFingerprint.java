package io.frontdesk.waf.detect;

import static io.frontdesk.waf.detect.SqlTokenType.*;

/**
 * One reading of an input: its tokens after folding and their letters, the fingerprint
 * ({@code s&1=1c} for {@code ' or 1=1--} read inside quotes). The tokens are the folder's, valid
 * until it folds again.
 */
final class SqlFingerprint {

    /** The fingerprint of a reading that met syntax no database reads one way. */
    private static final String EVIL_LETTERS = String.valueOf(EVIL.letter);
    /**
     * Fingerprints made before, by a hash of their letters: inputs give few distinct ones, so most
     * readings find theirs here rather than make a string. Threads may overwrite one another's
     * entries; any entry found is a whole, immutable string.
     */
    private static final String[] MADE = new String[1024];

    private final SqlFolder folder;
    private final SqlTokenizer reading;
    private final String letters;

    private SqlFingerprint(SqlFolder folder, SqlTokenizer reading, String letters) {
        this.folder = folder;
        this.reading = reading;
        this.letters = letters;
    }

    /** Folds what {@code reading} reads and takes the letters of the tokens left. */
    static SqlFingerprint of(SqlFolder folder, SqlTokenizer reading) {
        int count = folder.fold(reading);
        SqlToken last = count > 0 ? folder.token(count - 1) : null;
        if (count > 2 && last.is(BAREWORD) && last.openingQuote() == '`' && last.length() == 0
                && last.closingQuote() == 0) {
            // an empty backtick left open at the end: PHP's MySQL drivers read it as a comment
            last.retype(COMMENT);
        }
        char[] letters = new char[count];
        for (int i = 0; i < count; i++) {
            if (folder.token(i).is(EVIL)) {
                folder.token(0).assign(EVIL, EVIL.letter);
                return new SqlFingerprint(folder, reading, EVIL_LETTERS);
            }
            letters[i] = folder.token(i).type().letter;
        }
        return new SqlFingerprint(folder, reading, made(letters));
    }

    /** The letters as a string, one made before when it is still kept. */
    private static String made(char[] letters) {
        int hash = 0;
        for (char letter : letters) {
            hash = 31 * hash + letter;
        }
        int slot = (hash ^ hash >>> 10) & (MADE.length - 1);
        String kept = MADE[slot];
        if (kept != null && kept.length() == letters.length && sameLetters(kept, letters)) {
            return kept;
        }
        String made = new String(letters);
        MADE[slot] = made;
        return made;
    }

    private static boolean sameLetters(String kept, char[] letters) {
        for (int i = 0; i < letters.length; i++) {
            if (kept.charAt(i) != letters[i]) {
                return false;
            }
        }
        return true;
    }

    String letters() {
        return letters;
    }

    SqlToken token(int index) {
        return folder.token(index);
    }

    String input() {
        return reading.input();
    }

    /** How many tokens the reading took, comments and tokens folded away among them. */
    int tokensRead() {
        return reading.tokensRead();
    }

    /** Whether MySQL would read a comment in the input differently, so that its reading may differ. */
    boolean mysqlReadsOtherwise() {
        return reading.mysqlReadsOtherwise();
    }
}
