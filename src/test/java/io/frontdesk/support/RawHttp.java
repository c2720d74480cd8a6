package io.frontdesk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client library refuses to send
 * (hop-by-hop headers, hand-written Connection values). One request per connection.
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
