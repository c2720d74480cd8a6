package io.frontdesk.waf.engine.transform;

/** {@code compressWhitespace}: each run of whitespace bytes becomes one space. */
final class CompressWhitespace implements Transformation {

    @Override
    public String apply(String value) {
        if (compressed(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean inSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Bytes.isSpaceOrNbsp(c)) {
                if (!inSpace) {
                    out.append(' ');
                }
                inSpace = true;
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString();
    }

    /** Whether no run of whitespace is longer than one space, nor any other than a space. */
    private static boolean compressed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Bytes.isSpaceOrNbsp(c) && (c != ' ' || i + 1 < value.length() && Bytes.isSpaceOrNbsp(value.charAt(i + 1)))) {
                return false;
            }
        }
        return true;
    }
}
