package io.frontdesk.waf.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.frontdesk.waf.engine.seclang.Variable;
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

    private static final int VARIABLES = Variable.values().length;

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
    /** The values of {@link Variable.Kind#LIST} variables the body processor gave; made with the first. */
    private Map<Variable, List<String>> lists;
    /** Made big enough at once for the TX variables the rule set's rules set. */
    final MutableCollection tx;
    /** The persistent collections opened with {@code initcol}; made with the first. */
    private Map<Variable, MutableCollection> opened;
    final Scalars scalars = new Scalars();

    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    /** The start as a date and time in the system's zone, made when a TIME variable is first read. */
    private ZonedDateTime start;
    /** By variable, the value a scalar was last read as; made when a scalar is first read. */
    private VariableValue[] scalarValues;
    /** By key, the value a TX variable was last read as; made when one is first read by key. */
    private Map<String, VariableValue> txValues;
    int highestSeverity = 255;
    RuleFacts rule;

    /** What RULE.name gives for the rule being evaluated. */
    interface RuleFacts {
        String value(String key);
    }

    /** @param txKeys how many TX variables the transaction's rules may set */
    Variables(int txKeys) {
        tx = MutableCollection.sized(txKeys);
    }

    /**
     * Where a keyed variable's entries are, besides ARGS (which is ARGS_GET's and then ARGS_POST's);
     * {@code null} for any other variable.
     */
    private KeyedValues keyedValues(Variable variable) {
        return switch (variable) {
            case ARGS_GET -> argsGet;
            case ARGS_POST -> argsPost;
            case REQUEST_HEADERS -> requestHeaders;
            case REQUEST_COOKIES -> requestCookies;
            case FILES -> files;
            case FILES_SIZES -> filesSizes;
            case FILES_TMP_CONTENT -> filesContent;
            case MULTIPART_PART_HEADERS -> partHeaders;
            case RESPONSE_HEADERS -> responseHeaders;
            case MATCHED_VARS -> matchedVars;
            case ENV -> env;
            case XML -> xml;
            default -> null;
        };
    }

    /** Adds a value the body processor gave a {@link Variable.Kind#LIST} variable. */
    void addListValue(Variable variable, String value) {
        if (lists == null) {
            lists = new EnumMap<>(Variable.class);
        }
        lists.computeIfAbsent(variable, name -> new ArrayList<>()).add(value);
    }

    /** Makes {@code values} the persistent collection {@code collection} for the rest of the transaction. */
    void opened(Variable collection, MutableCollection values) {
        if (opened == null) {
            opened = new EnumMap<>(Variable.class);
        }
        opened.put(collection, values);
    }

    /** TX or a persistent collection by its name, once opened; {@code null} otherwise. */
    MutableCollection mutable(String name) {
        Variable variable = Variable.named(name);
        return variable == null ? null : mutable(variable);
    }

    /** TX or a persistent collection, once opened; {@code null} otherwise. */
    MutableCollection mutable(Variable variable) {
        if (variable == Variable.TX) {
            return tx;
        }
        return opened == null ? null : opened.get(variable);
    }

    /**
     * Adds the values {@code target} selects to {@code out}, less those {@code excluded} says are
     * excluded (by variable and key).
     */
    void select(Target target, Exclusions excluded, List<VariableValue> out) {
        Variable variable = target.variable();
        if (target.count()) {
            int before = out.size();
            select(target.uncounted(), excluded, out);
            int count = out.size() - before;
            while (out.size() > before) {
                out.remove(out.size() - 1);
            }
            out.add(new VariableValue(target.toString(), Integer.toString(count)));
            return;
        }
        switch (variable.kind()) {
            case KEYED -> entries(variable, variable, false, target, excluded, out);
            case NAMES -> entries(variable, variable.namesOf(), true, target, excluded, out);
            case TRANSIENT, PERSISTENT -> mutableValues(variable, target, excluded, out);
            case RULE -> {
                if (rule != null && target.key() != null) {
                    out.add(new VariableValue("RULE", target.key(), rule.value(target.key().toLowerCase(Locale.ROOT))));
                }
            }
            case LIST -> {
                List<String> several = lists == null ? null : lists.get(variable);
                if (several != null && !excluded.excludes(variable, variable.name())) {
                    several.forEach(value -> out.add(new VariableValue(variable.name(), value)));
                }
            }
            case SCALAR, NEVER_SET -> {
                String value = scalar(variable);
                if (value != null && !excluded.excludes(variable, variable.name())) {
                    out.add(scalarValue(variable, value));
                }
            }
        }
    }

    /** The values (or, {@code ofKeys}, the keys) of {@code source}'s entries, under {@code variable}'s name. */
    private void entries(Variable variable, Variable source, boolean ofKeys, Target target,
            Exclusions excluded, List<VariableValue> out) {
        boolean mayExclude = excluded.mayExclude(variable);
        if (source == Variable.ARGS) {
            entries(variable, argsGet, ofKeys, target, mayExclude, excluded, out);
            entries(variable, argsPost, ofKeys, target, mayExclude, excluded, out);
        } else {
            entries(variable, keyedValues(source), ofKeys, target, mayExclude, excluded, out);
        }
    }

    private static void entries(Variable variable, KeyedValues values, boolean ofKeys, Target target,
            boolean mayExclude, Exclusions excluded, List<VariableValue> out) {
        if (values.size() == 0) {
            return;
        }
        List<VariableValue> view = ofKeys ? values.keysAs(variable.name()) : values.valuesAs(variable.name());
        for (int i = 0; i < view.size(); i++) {
            String key = values.key(i);
            if (target.selects(key) && !(mayExclude && excluded.excludes(variable, key))) {
                out.add(view.get(i));
            }
        }
    }

    private void mutableValues(Variable variable, Target target, Exclusions excluded,
            List<VariableValue> out) {
        MutableCollection values = mutable(variable);
        if (values == null) {
            return;
        }
        if (target.key() != null) {
            String value = values.getLowerCased(target.lowerCaseKey());
            if (value != null && !excluded.excludes(variable, target.key())) {
                out.add(variable == Variable.TX ? txValue(target.lowerCaseKey(), value)
                        : new VariableValue(variable.name(), target.lowerCaseKey(), value));
            }
            return;
        }
        for (Map.Entry<String, String> entry : values.asMap().entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PersistentCollections.EXPIRY_PREFIX) && target.selects(key)
                    && !excluded.excludes(variable, key)) {
                out.add(new VariableValue(variable.name(), key, entry.getValue()));
            }
        }
    }

    /**
     * A TX variable's value as rules read it by its key, made once for each value it takes: CRS
     * reads its paranoia level and scores by key in rule after rule.
     */
    private VariableValue txValue(String key, String value) {
        if (txValues == null) {
            txValues = new HashMap<>();
        }
        VariableValue kept = txValues.get(key);
        if (kept == null || kept.value() != value) {
            kept = new VariableValue(Variable.TX.name(), key, value);
            txValues.put(key, kept);
        }
        return kept;
    }

    /** The scalar's value as rules read it, made once for each value it takes, so what chains made of it is kept on it. */
    private VariableValue scalarValue(Variable variable, String value) {
        if (scalarValues == null) {
            scalarValues = new VariableValue[VARIABLES];
        }
        VariableValue kept = scalarValues[variable.ordinal()];
        if (kept == null || kept.value() != value) {
            kept = new VariableValue(variable.name(), value);
            scalarValues[variable.ordinal()] = kept;
        }
        return kept;
    }

    /** A scalar's value, or {@code null} when the transaction has none. */
    private String scalar(Variable variable) {
        String value = scalars.get(variable);
        if (value != null) {
            return value;
        }
        switch (variable) {
            case ARGS_COMBINED_SIZE:
                return Long.toString(combinedSize(argsGet) + combinedSize(argsPost));
            case FILES_COMBINED_SIZE:
                long total = 0;
                for (int i = 0; i < filesSizes.size(); i++) {
                    total += Long.parseLong(filesSizes.value(i));
                }
                return Long.toString(total);
            case DURATION:
                return Long.toString((System.nanoTime() - startNanos) / 1000);
            case HIGHEST_SEVERITY:
                return Integer.toString(highestSeverity);
            case TIME, TIME_DAY, TIME_EPOCH, TIME_HOUR, TIME_MIN, TIME_MON, TIME_SEC, TIME_WDAY, TIME_YEAR:
                return time(variable);
            default:
                return null;
        }
    }

    /** A TIME variable's value. */
    private String time(Variable variable) {
        if (start == null) {
            start = Instant.ofEpochMilli(startMillis).atZone(ZoneId.systemDefault());
        }
        switch (variable) {
            case TIME:
                return String.format(Locale.ROOT, "%02d:%02d:%02d", start.getHour(), start.getMinute(),
                        start.getSecond());
            case TIME_DAY:
                return Integer.toString(start.getDayOfMonth());
            case TIME_EPOCH:
                return Long.toString(start.toEpochSecond());
            case TIME_HOUR:
                return Integer.toString(start.getHour());
            case TIME_MIN:
                return Integer.toString(start.getMinute());
            case TIME_MON:
                return Integer.toString(start.getMonthValue() - 1);
            case TIME_SEC:
                return Integer.toString(start.getSecond());
            case TIME_WDAY:
                return Integer.toString(start.getDayOfWeek().getValue() % 7);
            default:
                return Integer.toString(start.getYear());
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
    String macroValue(Variable variable, String key) {
        String value = key == null ? scalar(variable) : keyedValue(variable, key);
        return value == null ? "" : value;
    }

    private String keyedValue(Variable variable, String key) {
        if (variable == Variable.RULE) {
            return rule == null ? null : rule.value(key);
        }
        if (variable.mutable()) {
            MutableCollection values = mutable(variable);
            return values == null ? null : values.getLowerCased(key);
        }
        if (variable == Variable.ARGS) {
            String value = argsGet.first(key);
            return value != null ? value : argsPost.first(key);
        }
        KeyedValues values = keyedValues(variable);
        return values == null ? null : values.first(key);
    }
}
