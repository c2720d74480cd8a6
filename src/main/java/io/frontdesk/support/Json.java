package io.frontdesk.support;

/** Writes JSON string values into a builder, escaped as RFC 8259 requires. */
public final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Appends {@code "value"} (or {@code null}) to the builder. */
    public static StringBuilder string(StringBuilder out, CharSequence value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029) {
                out.append(value, plainFrom, i);
                escape(out, c);
                plainFrom = i + 1;
            }
        }
        return out.append(value, plainFrom, value.length()).append('"');
    }

    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                    .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
        }
    }

    /** Appends {@code "name":"value"} to the builder, with a comma before it unless it opens the object. */
    public static StringBuilder field(StringBuilder out, String name, CharSequence value) {
        separate(out);
        string(out, name).append(':');
        return string(out, value);
    }

    /** Appends {@code "name":number} to the builder, with a comma before it unless it opens the object. */
    public static StringBuilder field(StringBuilder out, String name, long value) {
        separate(out);
        string(out, name).append(':');
        return out.append(value);
    }

    private static void separate(StringBuilder out) {
        char last = out.length() == 0 ? '{' : out.charAt(out.length() - 1);
        if (last != '{') {
            out.append(',');
        }
    }
}
