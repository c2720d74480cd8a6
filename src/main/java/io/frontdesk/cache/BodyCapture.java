package io.frontdesk.cache;

import java.nio.ByteBuffer;

import org.springframework.core.io.buffer.DataBuffer;

/** A copy of a response body as it streams to the client, given up once it passes the size limit. */
final class BodyCapture {

    private final long limit;
    private final long expectedLength;
    private byte[] bytes = new byte[0];
    private int length;
    private boolean overflowed;
    private boolean taken;

    BodyCapture(long limit, long expectedLength) {
        this.limit = limit;
        this.expectedLength = expectedLength;
        if (expectedLength > 0 && expectedLength <= limit) {
            bytes = new byte[(int) expectedLength];
        }
    }

    void add(DataBuffer buffer) {
        int readable = buffer.readableByteCount();
        if (overflowed || readable == 0) {
            return;
        }
        if (length + (long) readable > limit) {
            overflowed = true;
            bytes = null;
            return;
        }
        if (length + readable > bytes.length) {
            byte[] grown = new byte[(int) Math.min(limit, Math.max(bytes.length * 2L, length + (long) readable))];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
        buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), length, readable);
        length += readable;
    }

    /** Whether the declared length has arrived whole. */
    boolean complete() {
        return !overflowed && expectedLength >= 0 && length == expectedLength;
    }

    /** The whole body, once; {@code null} when it grew past the limit or was taken already. */
    byte[] take() {
        if (overflowed || taken) {
            return null;
        }
        taken = true;
        if (length == bytes.length) {
            return bytes;
        }
        byte[] exact = new byte[length];
        System.arraycopy(bytes, 0, exact, 0, length);
        return exact;
    }
}
