package io.frontdesk.waf.detect;

/**
 * Cross-site scripting detection that decides as libinjection does, which ModSecurity's
 * {@code @detectXSS} calls. The input is read as HTML5 ({@link Html5Tokenizer}) from each place it
 * may land in a page ({@link Html5Start}), and it is XSS when one of the readings holds a doctype,
 * a dangerous tag, comment or attribute ({@link XssBlacklist}). Inputs are byte strings (one char
 * a byte); time is linear in the input, and nothing is copied.
 */
public final class XssDetector {

    private static final Html5Start[] STARTS = Html5Start.values();
    /** Each thread reads with one tokenizer, input after input. */
    private static final ThreadLocal<Html5Tokenizer> TOKENIZERS =
            ThreadLocal.withInitial(() -> new Html5Tokenizer("", Html5Start.DATA));

    private XssDetector() {
    }

    /** Whether the input holds markup that would run script or load active content. */
    public static boolean detect(String input) {
        if (input == null) {
            return false;
        }
        Html5Tokenizer tokens = TOKENIZERS.get();
        for (Html5Start start : STARTS) {
            tokens.read(input, start);
            if (isXss(input, tokens)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isXss(String input, Html5Tokenizer tokens) {
        XssBlacklist.Attribute attribute = XssBlacklist.Attribute.HARMLESS;
        while (tokens.next()) {
            int from = tokens.tokenStart();
            int end = from + tokens.tokenLength();
            boolean dangerous = switch (tokens.tokenType()) {
                case DOCTYPE -> true;
                case TAG_NAME_OPEN -> XssBlacklist.isDangerousTag(input, from, end);
                case ATTR_VALUE -> XssBlacklist.isDangerousValue(attribute, input, from, end);
                case TAG_COMMENT -> XssBlacklist.isDangerousComment(input, from, end);
                default -> false;
            };
            if (dangerous) {
                return true;
            }
            // an attribute's name bears on the value right after it only
            attribute = tokens.tokenType() == Html5TokenType.ATTR_NAME
                    ? XssBlacklist.attribute(input, from, end)
                    : XssBlacklist.Attribute.HARMLESS;
        }
        return false;
    }
}
