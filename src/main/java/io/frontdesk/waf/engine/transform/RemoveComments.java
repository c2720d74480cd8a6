package io.frontdesk.waf.engine.transform;

/**
 * {@code removeComments}: C comments ({@code /* ... *}{@code /}) and HTML comments
 * ({@code <!-- ... -->}) removed, an unterminated one to the end; {@code --} and {@code #} end the
 * value (SQL and shell line comments), as ModSecurity does. {@code replaceComments} replaces each
 * C comment with one space and leaves everything else.
 */
final class RemoveComments implements Transformation {

    private final boolean replaceCStyleOnly;

    RemoveComments(boolean replaceCStyleOnly) {
        this.replaceCStyleOnly = replaceCStyleOnly;
    }

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int length = value.length();
        int i = 0;
        while (i < length) {
            if (value.startsWith("/*", i)) {
                int end = value.indexOf("*/", i + 2);
                if (replaceCStyleOnly) {
                    out.append(' ');
                }
                i = end < 0 ? length : end + 2;
            } else if (!replaceCStyleOnly && value.startsWith("<!--", i)) {
                int end = value.indexOf("-->", i + 4);
                i = end < 0 ? length : end + 3;
            } else if (!replaceCStyleOnly && (value.startsWith("--", i) || value.charAt(i) == '#')) {
                break;
            } else {
                out.append(value.charAt(i++));
            }
        }
        return out.toString();
    }
}
