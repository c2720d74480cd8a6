package io.frontdesk.waf.engine.transform;

import java.nio.charset.StandardCharsets;

/**
 * {@code base64Decode}: decodes up to the first byte outside the Base64 alphabet (padding ends it
 * too); {@code base64DecodeExt} skips such bytes and decodes the rest, the forgiving way.
 */
final class Base64Decode implements Transformation {

    private final boolean forgiving;

    Base64Decode(boolean forgiving) {
        this.forgiving = forgiving;
    }

    @Override
    public String apply(String value) {
        byte[] out = new byte[value.length() * 3 / 4 + 3];
        int written = 0;
        int bits = 0;
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            int sextet = sextet(value.charAt(i));
            if (sextet < 0) {
                if (forgiving) {
                    continue;
                }
                break;
            }
            bits = bits << 6 | sextet;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out[written++] = (byte) (bits >> count);
            }
        }
        return new String(out, 0, written, StandardCharsets.ISO_8859_1);
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
}
