package io.frontdesk.waf.engine.operator;

import java.util.function.BiPredicate;

import io.frontdesk.waf.engine.macro.Macro;

/**
 * The operators that compare the value with their argument as text (macros expanded):
 * {@code @streq}, {@code @contains}, {@code @containsWord}, {@code @beginsWith}, {@code @endsWith},
 * {@code @within} (the value is part of the argument) and {@code @strmatch}. Case matters, as in
 * ModSecurity; rules lower-case first where they mean otherwise.
 */
final class StringComparison implements Operator {

    static final BiPredicate<String, String> EQUALS = String::equals;
    static final BiPredicate<String, String> CONTAINS = String::contains;
    static final BiPredicate<String, String> BEGINS_WITH = String::startsWith;
    static final BiPredicate<String, String> ENDS_WITH = String::endsWith;
    static final BiPredicate<String, String> WITHIN = (value, argument) -> argument.contains(value);
    static final BiPredicate<String, String> CONTAINS_WORD = StringComparison::containsWord;

    private final Macro argument;
    private final BiPredicate<String, String> test;

    StringComparison(String argument, BiPredicate<String, String> test) {
        this.argument = Macro.parse(argument);
        this.test = test;
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        String expanded = argument.expand(context);
        boolean matched = test.test(value, expanded);
        if (matched && context.capturing()) {
            context.capture(0, expanded);
        }
        return matched;
    }

    /**
     * The argument as a whole word: at the ends or between bytes that are not ASCII letters (a
     * digit or {@code _} ends a word too, as in ModSecurity).
     */
    private static boolean containsWord(String value, String word) {
        if (word.isEmpty()) {
            return true;
        }
        int from = 0;
        while (true) {
            int at = value.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            if ((at == 0 || !wordChar(value.charAt(at - 1))) && (end == value.length() || !wordChar(value.charAt(end)))) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
