package io.frontdesk.waf.engine.operator;

/**
 * {@code @validateByteRange 1-255} or {@code 9,10,13,32-126}: matches when the value holds a byte
 * outside the listed values and ranges.
 */
final class ValidateByteRange implements Operator {

    private final boolean[] allowed = new boolean[256];

    ValidateByteRange(String argument) {
        for (String entry : argument.split(",")) {
            String item = entry.strip();
            int dash = item.indexOf('-');
            int from = parse(dash < 0 ? item : item.substring(0, dash), argument);
            int to = dash < 0 ? from : parse(item.substring(dash + 1), argument);
            if (from > to) {
                throw new IllegalArgumentException("@validateByteRange: '" + item + "' is a range backwards");
            }
            for (int b = from; b <= to; b++) {
                allowed[b] = true;
            }
        }
    }

    private static int parse(String number, String argument) {
        try {
            int value = Integer.parseInt(number.strip());
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("@validateByteRange: " + value + " is not a byte (0-255)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("@validateByteRange: '" + argument + "' is not a list of bytes and"
                    + " ranges such as 9,10,13,32-126");
        }
    }

    @Override
    public boolean matches(String value, OperatorContext context) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 255 || !allowed[c]) {
                if (context.capturing()) {
                    context.capture(0, String.valueOf(c));
                }
                return true;
            }
        }
        return false;
    }
}
