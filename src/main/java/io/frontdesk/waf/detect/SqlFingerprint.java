package io.frontdesk.waf.detect;

import java.util.List;

/**
 * The first tokens of an input after folding, read in one quote context ({@code 0} for none);
 * {@code complete} when they are all the input holds; {@code shifted} counts the tokens read to
 * make them, comments left out.
 */
record SqlFingerprint(List<SqlToken> tokens, boolean complete, char context, int shifted) {

    /** The tokens' letters, as logged: {@code s&1=1} for {@code x' or 1=1}. */
    String letters() {
        StringBuilder letters = new StringBuilder(tokens.size());
        for (SqlToken token : tokens) {
            letters.append(token.type().letter);
        }
        return letters.toString();
    }

    /** The token at {@code index}, or {@code null} past the last. */
    SqlToken at(int index) {
        return index < tokens.size() ? tokens.get(index) : null;
    }

    boolean is(int index, SqlTokenType type) {
        return index < tokens.size() && tokens.get(index).is(type);
    }

    /** Whether the input ends right before {@code index}. */
    boolean endsAt(int index) {
        return complete && index == tokens.size();
    }
}
