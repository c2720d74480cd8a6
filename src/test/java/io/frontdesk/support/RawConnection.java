package io.frontdesk.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 connection over a plain socket, kept open: bytes are sent exactly as given, and
 * responses are read one at a time by their own framing, so that pipelined and hand-framed
 * requests show which answer came back for which.
 */
public final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    public static RawConnection open(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            return new RawConnection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends these bytes (ISO-8859-1) as they are. */
    public RawConnection send(String bytes) {
        try {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next response, or {@code null} when the server closed the connection instead. */
    public RawHttp.Response read() {
        try {
            String head = head();
            if (head == null) {
                return null;
            }
            RawHttp.Response response = RawHttp.Response.parse((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String length = response.header("Content-Length");
            String encoding = response.header("Transfer-Encoding");
            byte[] body;
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked();
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else {
                body = bodyUntilClosed(response);
            }
            return new RawHttp.Response(response.status(), response.headers(),
                    new String(body, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the server closes the connection (rather than leaving it open for more) within the
     * timeout; a response read to its end because it closed the connection counts as closed.
     */
    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Without a length, a response that closes the connection ends where the connection does. */
    private byte[] bodyUntilClosed(RawHttp.Response response) throws IOException {
        String connection = response.header("Connection");
        boolean closing = connection != null && connection.equalsIgnoreCase("close");
        return closing && response.status() != 204 && response.status() != 304 ? in.readAllBytes() : new byte[0];
    }

    private String head() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        if (matched < 4) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                skipTrailerFields();
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line();
        }
    }

    private void skipTrailerFields() throws IOException {
        String field;
        do {
            field = line();
        } while (!field.isEmpty());
    }

    private String line() throws IOException {
        List<Integer> bytes = new ArrayList<>();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.add(b);
            }
        }
        StringBuilder text = new StringBuilder();
        bytes.forEach(value -> text.append((char) value.intValue()));
        return text.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
