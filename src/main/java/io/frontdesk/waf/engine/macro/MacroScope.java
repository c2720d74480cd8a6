package io.frontdesk.waf.engine.macro;

import io.frontdesk.waf.engine.seclang.Variable;

/** Where macros find their values: the transaction's variables and collections. */
@FunctionalInterface
public interface MacroScope {

    /**
     * The value of {@code VARIABLE} (key {@code null}) or {@code COLLECTION.key}, as a byte string;
     * empty when there is none, as ModSecurity expands unknown references.
     */
    String value(Variable variable, String key);
}
