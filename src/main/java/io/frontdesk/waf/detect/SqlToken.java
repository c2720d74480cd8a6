package io.frontdesk.waf.detect;

/**
 * One SQL token, mutable so that a reading fills and folds a few of them again and again without
 * allocating. The value keeps the first {@link #CAPACITY} characters of the token's text, as
 * written; {@code length} counts those kept. A string records the quote that opened it and the one
 * that closed it ({@code 0} when there was none: opened before the input, left open at its end);
 * a variable how many {@code @} it began with.
 */
final class SqlToken {

    static final int CAPACITY = 31;

    private final char[] value = new char[CAPACITY];
    private SqlTokenType type;
    private int length;
    private int atSigns;
    private char openingQuote;
    private char closingQuote;

    SqlTokenType type() {
        return type;
    }

    boolean is(SqlTokenType expected) {
        return type == expected;
    }

    void retype(SqlTokenType newType) {
        type = newType;
    }

    int length() {
        return length;
    }

    /** The character at {@code index} of the value, {@code 0} past its end. */
    char charAt(int index) {
        return index < length ? value[index] : 0;
    }

    char[] valueBuffer() {
        return value;
    }

    String value() {
        return new String(value, 0, length);
    }

    int atSigns() {
        return atSigns;
    }

    char openingQuote() {
        return openingQuote;
    }

    char closingQuote() {
        return closingQuote;
    }

    void clear() {
        type = null;
        length = 0;
        atSigns = 0;
        openingQuote = 0;
        closingQuote = 0;
    }

    /** Makes this the token of {@code type} spelled by {@code count} characters of the input at {@code from}. */
    void assign(SqlTokenType newType, String input, int from, int count) {
        type = newType;
        length = Math.min(count, CAPACITY);
        input.getChars(from, from + length, value, 0);
    }

    void assign(SqlTokenType newType, char single) {
        type = newType;
        length = 1;
        value[0] = single;
    }

    void quotes(char opening, char closing) {
        openingQuote = opening;
        closingQuote = closing;
    }

    void atSigns(int count) {
        atSigns = count;
    }

    void copyFrom(SqlToken other) {
        type = other.type;
        length = other.length;
        atSigns = other.atSigns;
        openingQuote = other.openingQuote;
        closingQuote = other.closingQuote;
        System.arraycopy(other.value, 0, value, 0, other.length);
    }

    /**
     * Appends a blank and the value of {@code next}, if the result fits; whether it did. Two words
     * read as one ({@code UNION ALL}) are looked up this way.
     */
    boolean append(SqlToken next) {
        int joined = length + 1 + next.length;
        if (joined > CAPACITY) {
            return false;
        }
        value[length] = ' ';
        System.arraycopy(next.value, 0, value, length + 1, next.length);
        length = joined;
        return true;
    }

    void truncate(int newLength) {
        length = newLength;
    }

    /** Whether the value is {@code word}, given in upper case, in any ASCII case. */
    boolean valueIs(String word) {
        return length == word.length() && startsWith(word);
    }

    /** Whether the value begins with {@code prefix}, given in upper case, in any ASCII case. */
    boolean startsWith(String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (SqlWords.upperCase(value[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean contains(char c) {
        for (int i = 0; i < length; i++) {
            if (value[i] == c) {
                return true;
            }
        }
        return false;
    }

    /** {@code + - ! ~ !! NOT}: operators that may stand before a value with nothing on their left. */
    boolean isUnaryOperator() {
        if (type != SqlTokenType.OPERATOR) {
            return false;
        }
        return switch (length) {
            case 1 -> value[0] == '+' || value[0] == '-' || value[0] == '!' || value[0] == '~';
            case 2 -> value[0] == '!' && value[1] == '!';
            case 3 -> valueIs("NOT");
            default -> false;
        };
    }

    boolean isArithmeticOperator() {
        return type == SqlTokenType.OPERATOR && length == 1 && "*/-+%".indexOf(value[0]) >= 0;
    }
}
