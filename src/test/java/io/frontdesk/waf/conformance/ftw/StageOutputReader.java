package io.frontdesk.waf.conformance.ftw;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a stage's {@code output} in either format. The older {@code log_contains} and
 * {@code no_log_contains} apply, as in go-ftw, only where the {@code log} section sets neither ids
 * nor a regular expression; written as {@code id "N"} they become rule ids.
 */
final class StageOutputReader {

    private static final Set<String> FIELDS = Set.of("status", "response_contains", "log_contains",
            "no_log_contains", "log", "expect_error", "retry_once", "isolated");
    private static final Set<String> LOG_FIELDS = Set.of("expect_ids", "no_expect_ids", "match_regex",
            "no_match_regex");
    /** ftw's id check; twice in CRS v3.3.4 without its closing quote, which as a search means the same. */
    private static final Pattern ID_CHECK = Pattern.compile("id \"(\\d+)\"?");

    private StageOutputReader() {
    }

    static StageOutput read(Optional<YamlNode> output) {
        if (output.isEmpty()) {
            return StageOutput.NOTHING;
        }
        Map<String, YamlNode> fields = output.get().entries(FIELDS);
        Map<String, YamlNode> log = fields.containsKey("log") ? fields.get("log").entries(LOG_FIELDS) : Map.of();
        Check positive = check(log.get("expect_ids"), log.get("match_regex"), fields.get("log_contains"));
        Check negative = check(log.get("no_expect_ids"), log.get("no_match_regex"), fields.get("no_log_contains"));
        return new StageOutput(integers(fields.get("status")), positive.ids(), negative.ids(), positive.regex(),
                negative.regex(), text(fields.get("response_contains")), flag(fields.get("expect_error")),
                flag(fields.get("retry_once")), flag(fields.get("isolated")));
    }

    private record Check(List<Integer> ids, Optional<String> regex) {
    }

    private static Check check(YamlNode ids, YamlNode regex, YamlNode legacy) {
        List<Integer> idList = integers(ids);
        Optional<String> pattern = text(regex);
        if (ids == null && pattern.isEmpty() && text(legacy).isPresent()) {
            Matcher id = ID_CHECK.matcher(legacy.text());
            if (id.matches()) {
                return new Check(List.of(Integer.parseInt(id.group(1))), Optional.empty());
            }
            return new Check(List.of(), text(legacy));
        }
        return new Check(idList, pattern);
    }

    private static List<Integer> integers(YamlNode node) {
        return node == null || node.isNull() ? List.of() : node.integers();
    }

    private static Optional<String> text(YamlNode node) {
        return node == null ? Optional.empty() : Optional.of(node.text()).filter(text -> !text.isEmpty());
    }

    private static boolean flag(YamlNode node) {
        return node != null && !node.isNull() && node.bool();
    }
}
