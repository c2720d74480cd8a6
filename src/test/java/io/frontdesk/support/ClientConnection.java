package io.frontdesk.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection to the gateway on a plain socket: requests go one after
 * the other, and each response is read by its own framing (Content-Length or chunked), so that
 * a response that ends early, or one the client cannot tell is whole, shows as such.
 */
public final class ClientConnection implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private boolean ended;

    public ClientConnection(int port) {
        this("127.0.0.1", port);
    }

    /** A connection from a loopback address of the test's choosing: 127.0.0.2, 127.0.0.3, and so on. */
    public ClientConnection(String from, int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a GET for {@code path} and reads its response. */
    public Response get(String path) {
        send(path);
        return read();
    }

    /** Sends a GET for {@code path}, leaving its response to {@link #read()}. */
    public void send(String path) {
        write("GET " + path + " HTTP/1.1\r\nHost: frontdesk.test\r\n\r\n");
    }

    /** Sends {@code bytes} as they are (ISO-8859-1), such as part of a request. */
    public void write(String bytes) {
        try {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the next response. */
    public Response read() {
        try {
            return readResponse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a read has found the end of the connection. */
    public boolean ended() {
        return ended;
    }

    /** Whether the gateway closes the connection within the read timeout of ten seconds. */
    public boolean closedByGateway() {
        return closedByGatewayWithin(Duration.ofMillis(READ_TIMEOUT_MILLIS));
    }

    /**
     * Whether the gateway closes the connection within {@code wait}: reading finds its end (or a
     * reset) rather than nothing.
     */
    public boolean closedByGatewayWithin(Duration wait) {
        if (ended) {
            return true;
        }
        try {
            socket.setSoTimeout(Math.toIntExact(Math.max(1, wait.toMillis())));
            ended = in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            ended = true;
        } finally {
            restoreReadTimeout();
        }
        return ended;
    }

    private void restoreReadTimeout() {
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        } catch (IOException e) {
            ended = true;
        }
    }

    private Response readResponse() throws IOException {
        String head = line();
        if (head == null) {
            return Response.NONE;
        }
        int status = Integer.parseInt(head.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        StringBuilder headers = new StringBuilder();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            headers.append(line).append('\n');
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete = chunked ? readChunks(body) : readFixed(body, length);
        return new Response(status, headers.toString(), body.toString(StandardCharsets.ISO_8859_1), complete);
    }

    /** Reads a body of the given length, or to the end of the connection when no length was given. */
    private boolean readFixed(ByteArrayOutputStream body, long length) throws IOException {
        if (length < 0) {
            for (int next = readOrEnd(); next >= 0; next = readOrEnd()) {
                body.write(next);
            }
            ended = true;
            return true;
        }
        byte[] bytes = in.readNBytes((int) length);
        body.write(bytes);
        return bytes.length == length;
    }

    /** Reads chunks to the last one; false when the connection ends before it. */
    private boolean readChunks(ByteArrayOutputStream body) throws IOException {
        for (String size = line(); size != null; size = line()) {
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = line(); trailer != null; trailer = line()) {
                    if (trailer.isEmpty()) {
                        return true;
                    }
                }
                return false;
            }
            byte[] chunk = in.readNBytes(length);
            body.write(chunk);
            if (chunk.length < length || line() == null) {
                return false;
            }
        }
        return false;
    }

    /** A line without its CRLF, or {@code null} when the connection ends first. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = readOrEnd(); next >= 0; next = readOrEnd()) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
            previous = next;
        }
        return null;
    }

    /** The next byte, or -1 when the gateway ended the connection (a close or a reset). */
    private int readOrEnd() throws IOException {
        try {
            int next = in.read();
            ended = next < 0;
            return next;
        } catch (java.net.SocketException e) {
            ended = true;
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * A response as the client read it; {@code complete} is false when the connection ended before
     * the body its framing announced. Header lines are as sent, one per line.
     */
    public record Response(int status, String headers, String body, boolean complete) {

        /** The connection ended before a status line. */
        public static final Response NONE = new Response(0, "", "", false);

        @Override
        public String toString() {
            return status + (complete ? "" : " (incomplete)") + " " + body;
        }
    }
}
