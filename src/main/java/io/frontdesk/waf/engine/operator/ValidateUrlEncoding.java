package io.frontdesk.waf.engine.operator;

/** {@code @validateUrlEncoding}: matches when a {@code %} is not followed by two hex digits. */
final class ValidateUrlEncoding implements Operator {

    @Override
    public boolean matches(String value, OperatorContext context) {
        for (int i = value.indexOf('%'); i >= 0; i = value.indexOf('%', i + 1)) {
            if (i + 2 >= value.length() || !hex(value.charAt(i + 1)) || !hex(value.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
