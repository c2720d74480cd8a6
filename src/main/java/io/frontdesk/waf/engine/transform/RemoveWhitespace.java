package io.frontdesk.waf.engine.transform;

/** {@code removeWhitespace}: every whitespace byte removed (see {@link Bytes#isSpaceOrNbsp}). */
final class RemoveWhitespace implements Transformation {

    @Override
    public String apply(String value) {
        int first = 0;
        while (first < value.length() && !Bytes.isSpaceOrNbsp(value.charAt(first))) {
            first++;
        }
        if (first == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length()).append(value, 0, first);
        for (int i = first + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Bytes.isSpaceOrNbsp(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
