package io.frontdesk.waf.engine;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

import io.frontdesk.waf.engine.variable.KeyedValues;
import io.frontdesk.waf.engine.variable.MutableCollection;
import io.frontdesk.waf.engine.variable.Target;
import io.frontdesk.waf.engine.variable.VariableValue;

/**
 * The variables of one transaction, as rules name them: collections such as ARGS and
 * REQUEST_HEADERS, their {@code _NAMES} views, the TX and persistent collections, and scalars
 * such as REQUEST_URI. A variable the transaction has not seen has no value at all, so a rule on it
 * is not evaluated, as in ModSecurity.
 */
final class Variables {

    private static final Map<String, String> NAMES_OF = Map.of("ARGS_NAMES", "ARGS", "ARGS_GET_NAMES", "ARGS_GET",
            "ARGS_POST_NAMES", "ARGS_POST", "REQUEST_HEADERS_NAMES", "REQUEST_HEADERS", "REQUEST_COOKIES_NAMES",
            "REQUEST_COOKIES", "FILES_NAMES", "FILES", "RESPONSE_HEADERS_NAMES", "RESPONSE_HEADERS",
            "MATCHED_VARS_NAMES", "MATCHED_VARS");

    private static final List<String> PERSISTENT = List.of("IP", "GLOBAL", "SESSION", "USER", "RESOURCE");

    final KeyedValues argsGet = new KeyedValues();
    final KeyedValues argsPost = new KeyedValues();
    final KeyedValues requestHeaders = new KeyedValues();
    final KeyedValues requestCookies = new KeyedValues();
    final KeyedValues files = new KeyedValues();
    final KeyedValues filesSizes = new KeyedValues();
    final KeyedValues filesContent = new KeyedValues();
    final KeyedValues partHeaders = new KeyedValues();
    final KeyedValues responseHeaders = new KeyedValues();
    final KeyedValues matchedVars = new KeyedValues();
    final KeyedValues env = new KeyedValues();
    final KeyedValues xml = new KeyedValues();
    /** Variables a body processor gives several values (MULTIPART_NAME, MULTIPART_FILENAME). */
    final Map<String, List<String>> multiValued = new HashMap<>();
    final MutableCollection tx = new MutableCollection();
    final Map<String, MutableCollection> opened = new HashMap<>();
    final Map<String, String> scalars = new HashMap<>();
    private final Map<String, KeyedValues> keyed = Map.ofEntries(Map.entry("ARGS_GET", argsGet),
            Map.entry("ARGS_POST", argsPost), Map.entry("REQUEST_HEADERS", requestHeaders),
            Map.entry("REQUEST_COOKIES", requestCookies), Map.entry("FILES", files),
            Map.entry("FILES_SIZES", filesSizes), Map.entry("FILES_TMP_CONTENT", filesContent),
            Map.entry("MULTIPART_PART_HEADERS", partHeaders), Map.entry("RESPONSE_HEADERS", responseHeaders),
            Map.entry("MATCHED_VARS", matchedVars), Map.entry("ENV", env), Map.entry("XML", xml));

    private final long startNanos = System.nanoTime();
    private final ZonedDateTime start = ZonedDateTime.now();
    int highestSeverity = 255;
    RuleFacts rule;

    /** What RULE.name gives for the rule being evaluated. */
    interface RuleFacts {
        String value(String key);
    }

    /** The TX collection, or a persistent one once opened; {@code null} otherwise. */
    MutableCollection mutable(String name) {
        return name.equals("TX") ? tx : opened.get(name);
    }

    static boolean isPersistent(String name) {
        return PERSISTENT.contains(name);
    }

    /**
     * Adds the values {@code target} selects to {@code out}, less those {@code excluded} says are
     * excluded (by collection and key).
     */
    void select(Target target, BiPredicate<String, String> excluded, List<VariableValue> out) {
        String collection = target.collection();
        if (target.count()) {
            int before = out.size();
            select(target.uncounted(), excluded, out);
            int count = out.size() - before;
            out.subList(before, out.size()).clear();
            out.add(new VariableValue(target.toString(), Integer.toString(count)));
            return;
        }
        switch (collection) {
            case "ARGS" -> {
                keyedValues("ARGS", argsGet, target, excluded, out);
                keyedValues("ARGS", argsPost, target, excluded, out);
            }
            case "TX", "IP", "GLOBAL", "SESSION", "USER", "RESOURCE" -> mutableValues(collection, target, excluded, out);
            case "RULE" -> {
                if (rule != null && target.key() != null) {
                    out.add(new VariableValue("RULE", target.key(), rule.value(target.key().toLowerCase(Locale.ROOT))));
                }
            }
            default -> {
                KeyedValues values = keyed.get(collection);
                if (values != null) {
                    keyedValues(collection, values, target, excluded, out);
                    return;
                }
                List<String> several = multiValued.get(collection);
                if (several != null) {
                    if (!excluded.test(collection, collection)) {
                        several.forEach(value -> out.add(new VariableValue(collection, value)));
                    }
                    return;
                }
                String namesOf = NAMES_OF.get(collection);
                if (namesOf != null) {
                    names(collection, namesOf, target, excluded, out);
                    return;
                }
                String value = scalar(collection);
                if (value != null && !excluded.test(collection, collection)) {
                    out.add(new VariableValue(collection, value));
                }
            }
        }
    }

    private static void keyedValues(String collection, KeyedValues values, Target target,
            BiPredicate<String, String> excluded, List<VariableValue> out) {
        selected(collection, values, values.valuesAs(collection), target, excluded, out);
    }

    private static void selected(String collection, KeyedValues values, List<VariableValue> view, Target target,
            BiPredicate<String, String> excluded, List<VariableValue> out) {
        for (int i = 0; i < view.size(); i++) {
            String key = values.key(i);
            if (target.selects(key) && !excluded.test(collection, key)) {
                out.add(view.get(i));
            }
        }
    }

    private void names(String collection, String namesOf, Target target, BiPredicate<String, String> excluded,
            List<VariableValue> out) {
        if (namesOf.equals("ARGS")) {
            names(collection, argsGet, target, excluded, out);
            names(collection, argsPost, target, excluded, out);
        } else {
            names(collection, keyed.get(namesOf), target, excluded, out);
        }
    }

    private static void names(String collection, KeyedValues values, Target target,
            BiPredicate<String, String> excluded, List<VariableValue> out) {
        selected(collection, values, values.keysAs(collection), target, excluded, out);
    }

    private void mutableValues(String collection, Target target, BiPredicate<String, String> excluded,
            List<VariableValue> out) {
        MutableCollection values = mutable(collection);
        if (values == null) {
            return;
        }
        if (target.key() != null) {
            String value = values.get(target.key());
            if (value != null && !excluded.test(collection, target.key())) {
                out.add(new VariableValue(collection, target.key().toLowerCase(Locale.ROOT), value));
            }
            return;
        }
        for (Map.Entry<String, String> entry : values.asMap().entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PersistentCollections.EXPIRY_PREFIX) && target.selects(key)
                    && !excluded.test(collection, key)) {
                out.add(new VariableValue(collection, key, entry.getValue()));
            }
        }
    }

    /** A scalar's value, or {@code null} when the transaction has none. */
    String scalar(String name) {
        String value = scalars.get(name);
        if (value != null) {
            return value;
        }
        switch (name) {
            case "ARGS_COMBINED_SIZE":
                return Long.toString(combinedSize(argsGet) + combinedSize(argsPost));
            case "FILES_COMBINED_SIZE":
                long total = 0;
                for (int i = 0; i < filesSizes.size(); i++) {
                    total += Long.parseLong(filesSizes.value(i));
                }
                return Long.toString(total);
            case "DURATION":
                return Long.toString((System.nanoTime() - startNanos) / 1000);
            case "HIGHEST_SEVERITY":
                return Integer.toString(highestSeverity);
            case "TIME":
                return String.format(Locale.ROOT, "%02d:%02d:%02d", start.getHour(), start.getMinute(),
                        start.getSecond());
            case "TIME_DAY":
                return Integer.toString(start.getDayOfMonth());
            case "TIME_EPOCH":
                return Long.toString(start.toEpochSecond());
            case "TIME_HOUR":
                return Integer.toString(start.getHour());
            case "TIME_MIN":
                return Integer.toString(start.getMinute());
            case "TIME_MON":
                return Integer.toString(start.getMonthValue() - 1);
            case "TIME_SEC":
                return Integer.toString(start.getSecond());
            case "TIME_WDAY":
                return Integer.toString(start.getDayOfWeek().getValue() % 7);
            case "TIME_YEAR":
                return Integer.toString(start.getYear());
            default:
                return null;
        }
    }

    private static long combinedSize(KeyedValues values) {
        long size = 0;
        for (int i = 0; i < values.size(); i++) {
            size += values.key(i).length() + values.value(i).length();
        }
        return size;
    }

    /** What {@code %{NAME}} or {@code %{COLLECTION.key}} expands to; empty when there is nothing. */
    String macroValue(String variable, String key) {
        String value;
        if (key == null) {
            value = scalar(variable);
        } else if (variable.equals("RULE")) {
            value = rule == null ? null : rule.value(key);
        } else if (variable.equals("ARGS")) {
            value = argsGet.first(key);
            if (value == null) {
                value = argsPost.first(key);
            }
        } else {
            MutableCollection mutable = mutable(variable);
            KeyedValues values = keyed.get(variable);
            value = mutable != null ? mutable.get(key) : values != null ? values.first(key) : null;
        }
        return value == null ? "" : value;
    }
}
