package io.frontdesk.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
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

    /** A connection kept open across requests, read response by response, 1xx responses included. */
    public static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        /** Sends {@code head} (request line and headers, CRLF-separated, no final blank line) with no body. */
        public void send(String head) {
            try {
                socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the next response: its head, then as many body bytes as its Content-Length gives (1xx: none). */
        public Response read() {
            try {
                Response head = readHead();
                String length = head.header("Content-Length");
                if (head.status() < 200 || length == null) {
                    return head;
                }
                String body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.ISO_8859_1);
                return new Response(head.status(), head.headers(), body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the head of the next response only, as of a response to HEAD. */
        public Response readHead() {
            try {
                return Response.parse(headBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] headBytes() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int next = in.read();
                if (next == -1) {
                    throw new IOException("connection closed after " + head.size() + " bytes of a response head");
                }
                head.write(next);
                matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
            }
            return head.toByteArray();
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
