package io.frontdesk.waf.engine.variable;

/** One value a rule inspects: its name as logs show it ({@code ARGS:id}) and its bytes. */
public record VariableValue(String name, String value) {
}
