package io.frontdesk.waf.engine.variable;

import java.util.ArrayList;
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

    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    /** By the name of the collection they are read through, the entries' values and keys as rules read them; made when first read. */
    private Map<String, List<VariableValue>> valueViews;
    private Map<String, List<VariableValue>> keyViews;

    public void add(String key, String value) {
        keys.add(key);
        values.add(value);
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
            view = new ArrayList<>(keys.size());
            views.put(collection, view);
        }
        for (int i = view.size(); i < keys.size(); i++) {
            view.add(new VariableValue(collection, keys.get(i), ofKeys ? keys.get(i) : values.get(i)));
        }
        return view;
    }

    /** Empties the collection; one that is empty already (MATCHED_VARS before most rules) is left as it is, cheaply. */
    public void clear() {
        if (!keys.isEmpty()) {
            keys.clear();
            values.clear();
        }
        if (valueViews != null && !valueViews.isEmpty()) {
            valueViews.clear();
        }
        if (keyViews != null && !keyViews.isEmpty()) {
            keyViews.clear();
        }
    }
}
