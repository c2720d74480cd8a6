package io.frontdesk.waf.engine.transform;

/** {@code replaceComments}: each C comment ({@code /* ... *}{@code /}, or unterminated) becomes one space. */
final class ReplaceComments implements Transformation {

    @Override
    public String apply(String value) {
        int start = value.indexOf("/*");
        if (start < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (start >= 0) {
            out.append(value, i, start).append(' ');
            int end = value.indexOf("*/", start + 2);
            i = end < 0 ? value.length() : end + 2;
            start = value.indexOf("/*", i);
        }
        return out.append(value, i, value.length()).toString();
    }
}
