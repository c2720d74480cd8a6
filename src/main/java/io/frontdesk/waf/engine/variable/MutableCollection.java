package io.frontdesk.waf.engine.variable;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A collection rules write with {@code setvar}: TX, and the persistent IP, GLOBAL, SESSION, USER
 * and RESOURCE. One value per key; keys are lower-cased, so {@code tx.Score} and {@code TX.score}
 * are one variable.
 */
public final class MutableCollection {

    private final Map<String, String> values;

    public MutableCollection() {
        this(new LinkedHashMap<>());
    }

    /** An empty collection that holds {@code expectedKeys} keys without growing. */
    public static MutableCollection sized(int expectedKeys) {
        return new MutableCollection(new LinkedHashMap<>((expectedKeys * 4 + 2) / 3));
    }

    private MutableCollection(Map<String, String> values) {
        this.values = values;
    }

    public String get(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }

    /** The value under a key that is in lower case already, as the keys of targets and macros are. */
    public String getLowerCased(String key) {
        return values.get(key);
    }

    public void set(String key, String value) {
        values.put(key.toLowerCase(Locale.ROOT), value);
    }

    /** Sets the value under a key that is in lower case already. */
    public void setLowerCased(String key, String value) {
        values.put(key, value);
    }

    public void remove(String key) {
        values.remove(key.toLowerCase(Locale.ROOT));
    }

    /** The values by lower-case key, in the order they were first set; not to be modified. */
    public Map<String, String> asMap() {
        return values;
    }

    public MutableCollection copy() {
        return new MutableCollection(new LinkedHashMap<>(values));
    }
}
