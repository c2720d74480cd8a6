package io.frontdesk.waf.engine.transform;

/** {@code removeCommentsChar}: the comment markers themselves removed: {@code /*}, {@code *}{@code /}, {@code <!--}, {@code -->}, {@code --}, {@code #}. */
final class RemoveCommentsChar implements Transformation {

    private static final String[] MARKERS = {"<!--", "-->", "/*", "*/", "--", "#"};

    @Override
    public String apply(String value) {
        // Every marker holds one of these: a value without them has nothing to remove.
        if (value.indexOf('#') < 0 && value.indexOf("--") < 0 && value.indexOf("/*") < 0 && value.indexOf("*/") < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        outer:
        while (i < value.length()) {
            for (String marker : MARKERS) {
                if (value.startsWith(marker, i)) {
                    i += marker.length();
                    continue outer;
                }
            }
            out.append(value.charAt(i++));
        }
        return out.toString();
    }
}
