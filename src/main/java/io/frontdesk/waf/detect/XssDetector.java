package io.frontdesk.waf.detect;

/**
 * Cross-site scripting detection in the manner of libinjection: the input is read as HTML5 from
 * each place it may land in a page (in text, or inside an unquoted, single- or double-quoted
 * attribute value), and {@link XssRules} looks at every tag, attribute, comment and instruction
 * found. Inputs are byte strings (one char a byte); time is linear in the input.
 */
public final class XssDetector {

    private XssDetector() {
    }

    /** Whether the input holds markup that would run script or load active content. */
    public static boolean detect(String input) {
        if (input == null || input.isEmpty()) {
            return false;
        }
        for (HtmlTokenizer.Start start : HtmlTokenizer.Start.values()) {
            HtmlTokenizer tokenizer = new HtmlTokenizer(input, start);
            for (HtmlToken token = tokenizer.next(); token != null; token = tokenizer.next()) {
                if (XssRules.isXss(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
