package io.frontdesk.edge;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: a client's id is kept when it is 1 to 128 characters of letters, digits and
 * {@code - _ . : + / =} (UUIDs, ULIDs, base64 and most tracing ids); anything else is replaced
 * with 32 random hex digits.
 */
final class RequestIds {

    private static final int MAX_LENGTH = 128;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static boolean wellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '+' || c == '/' || c == '=';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] text = new char[32];
        fill(text, 0, random.nextLong());
        fill(text, 16, random.nextLong());
        return new String(text);
    }

    private static void fill(char[] text, int offset, long bits) {
        for (int i = 15; i >= 0; i--) {
            text[offset + i] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
        }
    }
}
