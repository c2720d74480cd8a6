package io.frontdesk.waf.engine.transform;

/** {@code removeWhitespace}: every whitespace byte removed (see {@link Bytes#isSpaceOrNbsp}). */
final class RemoveWhitespace implements Transformation {

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Bytes.isSpaceOrNbsp(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
