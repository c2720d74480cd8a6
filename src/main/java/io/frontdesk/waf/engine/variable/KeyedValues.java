package io.frontdesk.waf.engine.variable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A collection such as ARGS or REQUEST_HEADERS: values under keys, in arrival order, a key may
 * repeat, and keys compare ignoring ASCII case as in ModSecurity.
 *
 * <p>Every rule over the collection inspects the same entries, so each entry is made a
 * {@link VariableValue} once per view (its value or its key, under the name of the collection a
 * rule reads it through) and handed out again to each rule after.
 */
public final class KeyedValues {

    private static final String[] NONE = {};

    /** The entries' keys and values by arrival; arrays made with the first entry, as most collections get none. */
    private String[] keys = NONE;
    private String[] values = NONE;
    private int size;
    /** By the name of the collection they are read through, the entries' values and keys as rules read them; made when first read. */
    private Map<String, List<VariableValue>> valueViews;
    private Map<String, List<VariableValue>> keyViews;

    public void add(String key, String value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, Math.max(8, 2 * size));
            values = Arrays.copyOf(values, keys.length);
        }
        keys[size] = key;
        values[size] = value;
        size++;
    }

    /** The first value under the key, or {@code null}. */
    public String first(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equalsIgnoreCase(key)) {
                return values[i];
            }
        }
        return null;
    }

    public int size() {
        return size;
    }

    public String key(int index) {
        return keys[index];
    }

    public String value(int index) {
        return values[index];
    }

    /** The entries' values, named {@code collection:key}, in entry order. */
    public List<VariableValue> valuesAs(String collection) {
        if (valueViews == null) {
            valueViews = new HashMap<>();
        }
        return view(valueViews, collection, false);
    }

    /** The entries' keys as values, named {@code collection:key}, in entry order. */
    public List<VariableValue> keysAs(String collection) {
        if (keyViews == null) {
            keyViews = new HashMap<>();
        }
        return view(keyViews, collection, true);
    }

    private List<VariableValue> view(Map<String, List<VariableValue>> views, String collection, boolean ofKeys) {
        List<VariableValue> view = views.get(collection);
        if (view == null) {
            view = new ArrayList<>(size);
            views.put(collection, view);
        }
        for (int i = view.size(); i < size; i++) {
            view.add(new VariableValue(collection, keys[i], ofKeys ? keys[i] : values[i]));
        }
        return view;
    }

    /** Empties the collection; one that is empty already (MATCHED_VARS before most rules) is left as it is, cheaply. */
    public void clear() {
        if (size > 0) {
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(values, 0, size, null);
            size = 0;
        }
        if (valueViews != null && !valueViews.isEmpty()) {
            valueViews.clear();
        }
        if (keyViews != null && !keyViews.isEmpty()) {
            keyViews.clear();
        }
    }
}
