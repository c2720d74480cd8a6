package io.frontdesk.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;

/**
 * The bytes of a stored response or Vary rule in the shared tier, with the time until which it
 * is worth keeping. A version byte leads, so a replica never misreads what a newer one wrote: it
 * treats it as a miss. Times are epoch milliseconds; replicas are expected to keep their clocks
 * in step (NTP), as Age across replicas depends on it.
 */
final class StoredCodec {

    private static final byte VERSION = 2;
    private static final byte RESPONSE = 1;
    private static final byte VARY = 2;

    private StoredCodec() {
    }

    static byte[] encode(Stored stored, long keepUntil) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                stored instanceof StoredResponse response ? response.weight() + 64 : 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(keepUntil);
            if (stored instanceof StoredResponse response) {
                writeResponse(out, response);
            } else if (stored instanceof VaryRule rule) {
                out.writeByte(VARY);
                out.writeInt(rule.headerNames().size());
                for (String name : rule.headerNames()) {
                    writeString(out, name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeResponse(DataOutputStream out, StoredResponse response) throws IOException {
        out.writeByte(RESPONSE);
        out.writeShort(response.status());
        out.writeLong(response.requestTime());
        out.writeLong(response.responseTime());
        out.writeLong(response.freshnessLifetime());
        writeString(out, response.directivesField());
        writePart(out, response.part());
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        response.headers().forEach((name, values) -> values.forEach(value -> fields.add(Map.entry(name, value))));
        out.writeInt(fields.size());
        for (Map.Entry<String, String> field : fields) {
            writeString(out, field.getKey());
            writeString(out, field.getValue());
        }
        byte[] body = new byte[response.bodyLength()];
        response.body().get(body);
        out.writeInt(body.length);
        out.write(body);
    }

    /** The entry, or {@code null} when the bytes are not one this version reads. */
    static SharedTier.Entry decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                return null;
            }
            long keepUntil = in.readLong();
            byte kind = in.readByte();
            if (kind == VARY) {
                int count = in.readInt();
                List<String> names = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    names.add(readString(in));
                }
                return new SharedTier.Entry(new VaryRule(List.copyOf(names)), keepUntil);
            }
            if (kind != RESPONSE) {
                return null;
            }
            int status = in.readUnsignedShort();
            long requestTime = in.readLong();
            long responseTime = in.readLong();
            long freshnessLifetime = in.readLong();
            String directivesField = readString(in);
            StoredResponse.Part part = readPart(in);
            int fields = in.readInt();
            HttpHeaders headers = new HttpHeaders();
            for (int i = 0; i < fields; i++) {
                headers.add(readString(in), readString(in));
            }
            byte[] body = readBytes(in);
            return new SharedTier.Entry(
                    StoredResponse.restored(status, headers, body, requestTime, responseTime, directivesField,
                            freshnessLifetime, part),
                    keepUntil);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The part a partial response holds: a count of range bounds (0 for a complete response), then its numbers. */
    private static void writePart(DataOutputStream out, StoredResponse.Part part) throws IOException {
        long[] bounds = part == null ? new long[0] : part.held().bounds();
        out.writeInt(bounds.length);
        if (part != null) {
            out.writeLong(part.offset());
            out.writeLong(part.completeLength());
            for (long bound : bounds) {
                out.writeLong(bound);
            }
        }
    }

    private static StoredResponse.Part readPart(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count == 0) {
            return null;
        }
        if (count < 0 || count % 2 != 0 || count * 8L > in.available()) {
            throw new IOException("bad range count " + count);
        }
        long offset = in.readLong();
        long completeLength = in.readLong();
        long[] bounds = new long[count];
        for (int i = 0; i < count; i++) {
            bounds[i] = in.readLong();
        }
        return new StoredResponse.Part(offset, HeldRanges.fromBounds(bounds), completeLength);
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("length " + length + " past the end");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
