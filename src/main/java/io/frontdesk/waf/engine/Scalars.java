package io.frontdesk.waf.engine;

import io.frontdesk.waf.engine.seclang.Variable;

/** The scalar variables one transaction has a value for, such as REQUEST_URI: by variable, its value or none. */
final class Scalars {

    private static final int VARIABLES = Variable.values().length;

    private final String[] values = new String[VARIABLES];

    void put(Variable variable, String value) {
        values[variable.ordinal()] = value;
    }

    /** The variable's value, or {@code null} when the transaction has none. */
    String get(Variable variable) {
        return values[variable.ordinal()];
    }

    String getOrDefault(Variable variable, String otherwise) {
        String value = values[variable.ordinal()];
        return value == null ? otherwise : value;
    }

    boolean containsKey(Variable variable) {
        return values[variable.ordinal()] != null;
    }
}
