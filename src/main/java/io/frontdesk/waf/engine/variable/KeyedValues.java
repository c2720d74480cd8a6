package io.frontdesk.waf.engine.variable;

import java.util.ArrayList;
import java.util.List;

/**
 * A collection such as ARGS or REQUEST_HEADERS: values under keys, in arrival order, a key may
 * repeat, and keys compare ignoring ASCII case as in ModSecurity.
 */
public final class KeyedValues {

    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    public void add(String key, String value) {
        keys.add(key);
        values.add(value);
    }

    public void addAll(KeyedValues other) {
        keys.addAll(other.keys);
        values.addAll(other.values);
    }

    /** The first value under the key, or {@code null}. */
    public String first(String key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).equalsIgnoreCase(key)) {
                return values.get(i);
            }
        }
        return null;
    }

    public int size() {
        return keys.size();
    }

    public String key(int index) {
        return keys.get(index);
    }

    public String value(int index) {
        return values.get(index);
    }

    public void clear() {
        keys.clear();
        values.clear();
    }
}
