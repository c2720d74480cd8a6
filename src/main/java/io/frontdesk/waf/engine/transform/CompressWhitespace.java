package io.frontdesk.waf.engine.transform;

/** {@code compressWhitespace}: each run of whitespace bytes becomes one space. */
final class CompressWhitespace implements Transformation {

    @Override
    public String apply(String value) {
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
}
