package io.frontdesk.waf.engine.transform;

/**
 * {@code removeComments}: C comments ({@code /* ... *}{@code /}) and HTML comments
 * ({@code <!-- ... -->}) removed, an unterminated one replaced by a space; {@code --} and
 * {@code #} end the value (SQL and shell line comments). As in ModSecurity, the byte after a
 * comment's end is kept whatever it is, and a comment that ends the value leaves a NUL byte (the
 * end of ModSecurity's C string).
 */
final class RemoveComments implements Transformation {

    @Override
    public String apply(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int length = value.length();
        boolean inComment = false;
        int i = 0;
        while (i < length) {
            if (inComment) {
                int end = value.startsWith("*/", i) ? 2 : value.startsWith("-->", i) ? 3 : 0;
                if (end == 0) {
                    i++;
                    continue;
                }
                inComment = false;
                i += end;
                out.append(i < length ? value.charAt(i) : '\0');
                i++;
            } else if (value.startsWith("/*", i) || value.startsWith("<!--", i)) {
                inComment = true;
                i += value.charAt(i) == '/' ? 2 : 4;
            } else if (value.startsWith("--", i) || value.charAt(i) == '#') {
                break;
            } else {
                out.append(value.charAt(i++));
            }
        }
        if (inComment) {
            out.append(' ');
        }
        // Whatever is removed is longer than what takes its place.
        return out.length() == length ? value : out.toString();
    }
}
