package io.frontdesk.waf.conformance.ftw;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * go-ftw runs a stage's {@code data} through Go's text/template with the sprig functions. CRS uses
 * one action, sprig's {@code repeat} ({@code {{ "1" | repeat 64200 }}}); that is what this
 * expands, and any other action is refused rather than sent wrong.
 */
final class GoDataTemplate {

    private static final Pattern PIPED_REPEAT = Pattern.compile("\\s*\"([^\"\\\\]*)\"\\s*\\|\\s*repeat\\s+(\\d+)\\s*");
    private static final Pattern CALLED_REPEAT = Pattern.compile("\\s*repeat\\s+(\\d+)\\s+\"([^\"\\\\]*)\"\\s*");

    private GoDataTemplate() {
    }

    static String expand(String data) {
        StringBuilder out = new StringBuilder(data.length());
        int from = 0;
        for (int open = data.indexOf("{{"); open >= 0; open = data.indexOf("{{", from)) {
            int close = data.indexOf("}}", open + 2);
            if (close < 0) {
                throw new FtwFormatException("unclosed {{ in data (go-ftw would send no body)");
            }
            out.append(data, from, open).append(evaluate(data.substring(open + 2, close)));
            from = close + 2;
        }
        return out.append(data, from, data.length()).toString();
    }

    private static String evaluate(String action) {
        Matcher piped = PIPED_REPEAT.matcher(action);
        if (piped.matches()) {
            return piped.group(1).repeat(Integer.parseInt(piped.group(2)));
        }
        Matcher called = CALLED_REPEAT.matcher(action);
        if (called.matches()) {
            return called.group(2).repeat(Integer.parseInt(called.group(1)));
        }
        throw new FtwFormatException("unsupported template action in data: {{" + action + "}}");
    }
}
