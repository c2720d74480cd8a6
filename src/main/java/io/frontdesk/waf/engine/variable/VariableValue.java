package io.frontdesk.waf.engine.variable;

/**
 * One value a rule inspects: its bytes, and its name as logs show it ({@code ARGS:id}). The name
 * is put together only when asked for, as it is only once a rule matched.
 */
public final class VariableValue {

    private final String collection;
    private final String key;
    private final String value;
    private String name;
    /** What the transaction's transformations made of the value, kept here by the transaction. */
    private Object transformed;

    /** A value of a collection, under a key; named {@code COLLECTION:key}. */
    public VariableValue(String collection, String key, String value) {
        this.collection = collection;
        this.key = key;
        this.value = value;
    }

    /** A value named as it is ({@code REQUEST_URI}, {@code &ARGS}). */
    public VariableValue(String name, String value) {
        this(name, null, value);
        this.name = name;
    }

    public String name() {
        if (name == null) {
            name = collection + ":" + key;
        }
        return name;
    }

    public String value() {
        return value;
    }

    /** What the transaction {@linkplain #transformed(Object) kept} of the value; {@code null} until it kept something. */
    public Object transformed() {
        return transformed;
    }

    public void transformed(Object made) {
        this.transformed = made;
    }
}
