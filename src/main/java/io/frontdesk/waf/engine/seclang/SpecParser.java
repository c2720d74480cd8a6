package io.frontdesk.waf.engine.seclang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the three parts of a SecRule: its variables, its operator, its actions. */
final class SpecParser {

    private SpecParser() {
    }

    /**
     * {@code REQUEST_COOKIES|!REQUEST_COOKIES:/__utm/|&ARGS|XML:/*}: targets separated by {@code |};
     * a {@code |} inside a /regex/ selector or a 'quoted' one belongs to the selector.
     */
    static List<VariableSpec> variables(String text, Source source) {
        List<VariableSpec> variables = new ArrayList<>();
        int i = 0;
        while (i <= text.length()) {
            int end = i;
            boolean excluded = end < text.length() && text.charAt(end) == '!';
            boolean count = end < text.length() && text.charAt(end) == '&';
            if (excluded || count) {
                end++;
            }
            int nameStart = end;
            while (end < text.length() && text.charAt(end) != ':' && text.charAt(end) != '|') {
                end++;
            }
            String collection = text.substring(nameStart, end).toUpperCase(Locale.ROOT);
            if (collection.isEmpty()) {
                throw new SecLangException(source, "a rule target is empty in '" + text + "'");
            }
            Variable variable = Variable.named(collection);
            if (variable == null) {
                throw new SecLangException(source, "unknown variable " + collection);
            }
            String selector = null;
            boolean regex = false;
            if (end < text.length() && text.charAt(end) == ':') {
                end++;
                if (variable != Variable.XML && end < text.length() && text.charAt(end) == '/') {
                    int close = closing(text, end + 1, '/');
                    if (close < 0) {
                        throw new SecLangException(source, "the regular expression of '" + collection
                                + "' is not closed in '" + text + "'");
                    }
                    selector = text.substring(end + 1, close);
                    regex = true;
                    end = close + 1;
                } else if (end < text.length() && text.charAt(end) == '\'') {
                    int close = closing(text, end + 1, '\'');
                    if (close < 0) {
                        throw new SecLangException(source, "the quoted selector of '" + collection
                                + "' is not closed in '" + text + "'");
                    }
                    selector = text.substring(end + 1, close);
                    end = close + 1;
                } else {
                    int start = end;
                    while (end < text.length() && text.charAt(end) != '|') {
                        end++;
                    }
                    selector = text.substring(start, end);
                }
            }
            variables.add(new VariableSpec(variable, selector, regex, count, excluded));
            if (end < text.length() && text.charAt(end) != '|') {
                throw new SecLangException(source, "unexpected '" + text.charAt(end) + "' after the target '"
                        + collection + "' in '" + text + "'");
            }
            i = end + 1;
        }
        return variables;
    }

    /** The index of the unescaped {@code quote} closing what starts at {@code from}, or -1. */
    private static int closing(String text, int from, char quote) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    /** {@code @rx pattern}, {@code !@eq 0}, or a bare pattern (meaning {@code @rx}). */
    static OperatorSpec operator(String text) {
        boolean negated = text.startsWith("!");
        String rest = negated ? text.substring(1) : text;
        if (!rest.startsWith("@")) {
            return new OperatorSpec("rx", rest, negated);
        }
        int space = 1;
        while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) {
            space++;
        }
        String name = rest.substring(1, space);
        String argument = space < rest.length() ? rest.substring(space).stripLeading() : "";
        return new OperatorSpec(name, argument, negated);
    }

    /** {@code id:1,phase:2,msg:'a, b',t:none}: commas inside single quotes belong to the value. */
    static List<ActionSpec> actions(String text, Source source) {
        List<ActionSpec> actions = new ArrayList<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= length) {
                break;
            }
            int nameStart = i;
            while (i < length && text.charAt(i) != ':' && text.charAt(i) != ',') {
                i++;
            }
            String name = text.substring(nameStart, i).strip();
            String argument = null;
            if (i < length && text.charAt(i) == ':') {
                i++;
                while (i < length && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < length && text.charAt(i) == '\'') {
                    StringBuilder value = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < length) {
                        char c = text.charAt(i);
                        if (c == '\\' && i + 1 < length && text.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                        } else if (c == '\'') {
                            closed = true;
                            i++;
                            break;
                        } else {
                            value.append(c);
                            i++;
                        }
                    }
                    if (!closed) {
                        throw new SecLangException(source, "the value of the action '" + name + "' is not closed");
                    }
                    argument = value.toString();
                } else {
                    int start = i;
                    while (i < length && text.charAt(i) != ',') {
                        i++;
                    }
                    argument = text.substring(start, i).strip();
                }
            }
            actions.add(new ActionSpec(name, argument));
        }
        return actions;
    }
}
