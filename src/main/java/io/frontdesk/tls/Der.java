package io.frontdesk.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** The few DER (X.690) encodings a self-signed X.509 certificate needs. */
final class Der {

    private Der() {
    }

    static byte[] sequence(byte[]... items) {
        return tagged(0x30, concat(items));
    }

    static byte[] set(byte[]... items) {
        return tagged(0x31, concat(items));
    }

    static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            base128(out, arcs[i]);
        }
        return tagged(0x06, out.toByteArray());
    }

    static byte[] utf8(String text) {
        return tagged(0x0c, text.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime, as {@code YYMMDDhhmmssZ}; valid for years 1950 to 2049. */
    static byte[] utcTime(String yymmddhhmmss) {
        return tagged(0x17, (yymmddhhmmss + "Z").getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] octetString(byte[] content) {
        return tagged(0x04, content);
    }

    static byte[] bitString(byte[] content) {
        return tagged(0x03, concat(new byte[] {0}, content));
    }

    static byte[] bool(boolean value) {
        return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0)});
    }

    /** A context-specific constructed tag, as used for EXPLICIT tagging. */
    static byte[] explicit(int number, byte[] content) {
        return tagged(0xa0 | number, content);
    }

    /** A context-specific primitive tag, as used for IMPLICIT tagging of a primitive type. */
    static byte[] implicit(int number, byte[] content) {
        return tagged(0x80 | number, content);
    }

    static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, int value) {
        int groups = 1;
        for (int rest = value >>> 7; rest != 0; rest >>>= 7) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int group = value >>> (7 * i) & 0x7f;
            out.write(i == 0 ? group : group | 0x80);
        }
    }
}
