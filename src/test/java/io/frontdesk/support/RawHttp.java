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
 * HTTP/1.1 over a plain socket, for requests a well-behaved client library refuses to send
 * (hop-by-hop headers, hand-written Connection values), or to see every response that comes,
 * interim ones included.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, no final blank line) and reads the answer. */
    public static Response exchange(int port, String head) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = head + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return Response.parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a keep-alive connection: requests are sent and responses read one at a time. */
    public static Connection connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            return new Connection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A connection kept open across requests, read response by response, 1xx responses included,
     * each by its own framing, so that pipelined and hand-framed requests show which answer came
     * back for which.
     */
    public static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        /** Sends {@code head} (request line and headers, CRLF-separated, no final blank line) with no body. */
        public void send(String head) {
            sendBytes(head + "\r\n\r\n");
        }

        /** Sends these bytes (ISO-8859-1) exactly as they are: heads, bodies, several requests at once. */
        public void sendBytes(String bytes) {
            try {
                socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Reads the next response: its head, then its body by Content-Length, by chunks, or up to the
         * close a {@code Connection: close} response without a length ends with (1xx: none). Returns
         * {@code null} when the server closed the connection before another response began.
         */
        public Response read() {
            try {
                byte[] headBytes = headBytes();
                if (headBytes == null) {
                    return null;
                }
                Response head = Response.parse(headBytes);
                String length = head.header("Content-Length");
                String encoding = head.header("Transfer-Encoding");
                byte[] body;
                if (head.status() < 200) {
                    body = new byte[0];
                } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                    body = chunked();
                } else if (length != null) {
                    body = in.readNBytes(Integer.parseInt(length));
                } else {
                    body = untilClosed(head);
                }
                return new Response(head.status(), head.headers(), new String(body, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the head of the next response only, as of a response to HEAD. */
        public Response readHead() {
            try {
                byte[] head = headBytes();
                if (head == null) {
                    throw new IOException("connection closed before a response head");
                }
                return Response.parse(head);
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

        /** The head up to its blank line, or {@code null} if the connection closed before its first byte. */
        private byte[] headBytes() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int next = in.read();
                if (next == -1) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new IOException("connection closed after " + head.size() + " bytes of a response head");
                }
                head.write(next);
                matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
            }
            return head.toByteArray();
        }

        private byte[] untilClosed(Response head) throws IOException {
            String connection = head.header("Connection");
            boolean closing = connection != null && connection.equalsIgnoreCase("close");
            return closing && head.status() != 204 && head.status() != 304 ? in.readAllBytes() : new byte[0];
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.write(in.readNBytes(size));
                line();
            }
            String trailerField;
            do {
                trailerField = line();
            } while (!trailerField.isEmpty());
            return body.toByteArray();
        }

        private int chunkSize() throws IOException {
            return Integer.parseInt(line().split(";")[0].strip(), 16);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int next;
            while ((next = in.read()) != -1 && next != '\n') {
                if (next != '\r') {
                    line.append((char) next);
                }
            }
            return line.toString();
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

    /** A response as bytes came; header names in their original case. */
    public record Response(int status, List<String[]> headers, String body) {

        static Response parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
            return new Response(status, headers, text.substring(end + 4));
        }

        public String header(String name) {
            for (String[] header : headers) {
                if (header[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return header[1];
                }
            }
            return null;
        }
    }
}
