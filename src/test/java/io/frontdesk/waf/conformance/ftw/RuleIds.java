package io.frontdesk.waf.conformance.ftw;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rule a test file covers when the file does not say: the first digits of its name. */
final class RuleIds {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private RuleIds() {
    }

    static int fromFileName(Path file) {
        Matcher digits = DIGITS.matcher(file.getFileName().toString());
        if (!digits.find()) {
            throw new FtwFormatException(file + ": no rule_id, and no digits in the file name to take it from");
        }
        return Integer.parseInt(digits.group());
    }
}
