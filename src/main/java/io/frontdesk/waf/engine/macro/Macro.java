package io.frontdesk.waf.engine.macro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.frontdesk.waf.engine.seclang.Variable;

/**
 * Text with {@code %{VARIABLE}} or {@code %{COLLECTION.key}} references (as in {@code msg},
 * {@code logdata}, {@code setvar} values and operator arguments), parsed once. Variables are
 * looked up by name once, and keys lower-cased, as collections are case-insensitive; a reference
 * to a variable the engine does not know expands to nothing, as in ModSecurity.
 */
public final class Macro {

    /** Either text, or a reference to a variable (with a key, or {@code null}). */
    private record Part(String text, Variable variable, String key) {
    }

    private final String source;
    private final List<Part> parts;

    private Macro(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static Macro parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("%{", i);
            int end = start < 0 ? -1 : text.indexOf('}', start + 2);
            if (start < 0 || end < 0) {
                parts.add(new Part(text.substring(i), null, null));
                break;
            }
            if (start > i) {
                parts.add(new Part(text.substring(i, start), null, null));
            }
            String reference = text.substring(start + 2, end);
            int dot = reference.indexOf('.');
            Variable variable = Variable.named((dot < 0 ? reference : reference.substring(0, dot)).toUpperCase(Locale.ROOT));
            parts.add(variable == null ? new Part("", null, null)
                    : new Part(null, variable, dot < 0 ? null : reference.substring(dot + 1).toLowerCase(Locale.ROOT)));
            i = end + 1;
        }
        return new Macro(text, List.copyOf(parts));
    }

    /** Whether the text holds no reference: it expands to itself. */
    public boolean isConstant() {
        return parts.stream().allMatch(part -> part.text() != null);
    }

    public String expand(MacroScope scope) {
        if (parts.size() == 1) {
            Part only = parts.get(0);
            return only.text() != null ? only.text() : scope.value(only.variable(), only.key());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            out.append(part.text() != null ? part.text() : scope.value(part.variable(), part.key()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
