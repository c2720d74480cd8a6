package io.frontdesk.waf.engine.transform;

/**
 * {@code cmdLine}, for command injection: backslashes, double and single quotes and carets are
 * deleted; commas and semicolons become spaces; runs of whitespace become one space; spaces
 * before a slash or an opening parenthesis are deleted; and everything is lower-cased.
 */
final class CmdLine implements Transformation {

    @Override
    public String apply(String value) {
        if (unchanged(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\', '"', '\'', '^' -> {
                }
                case ',', ';', ' ', '\t', '\n', '\r', '\f', (char) 11 -> {
                    if (!space) {
                        out.append(' ');
                        space = true;
                    }
                }
                case '/', '(' -> {
                    if (space) {
                        out.setLength(out.length() - 1);
                        space = false;
                    }
                    out.append(c);
                }
                default -> {
                    out.append(c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c);
                    space = false;
                }
            }
        }
        return out.toString();
    }

    /**
     * Whether the value is as the transformation leaves it: no upper-case letter, nothing it
     * removes, no separator but single spaces, and no space before a slash or a parenthesis.
     */
    private static boolean unchanged(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case '\\', '"', '\'', '^', ',', ';', '\t', '\n', '\r', '\f', (char) 11 -> {
                    return false;
                }
                case ' ' -> {
                    char next = i + 1 < value.length() ? value.charAt(i + 1) : 'a';
                    if (next == ' ' || next == '/' || next == '(') {
                        return false;
                    }
                }
                default -> {
                    if (value.charAt(i) >= 'A' && value.charAt(i) <= 'Z') {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
