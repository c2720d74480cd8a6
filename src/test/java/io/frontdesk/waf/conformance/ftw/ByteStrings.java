package io.frontdesk.waf.conformance.ftw;

import java.nio.charset.StandardCharsets;

/** Conversions between byte strings (each char one byte, 0-255), bytes and text. */
public final class ByteStrings {

    private ByteStrings() {
    }

    public static String of(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String byteString) {
        return byteString.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The UTF-8 bytes of a text, as the test tools put YAML strings on the wire. */
    public static String utf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
