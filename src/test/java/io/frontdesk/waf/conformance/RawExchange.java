package io.frontdesk.waf.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a stage's bytes to the gateway over a fresh connection and reads one response: its
 * status, and the response as text. A connection closed or reset before a status line arrived
 * is status 0, which is what stages that expect an error want.
 */
final class RawExchange {

    private RawExchange() {
    }

    record Answer(int status, String response) {
    }

    static Answer send(int port, byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            return new Answer(0, "");
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int headEnd = -1;
        long wanted = -1;
        try {
            int count;
            while ((count = in.read(chunk)) >= 0) {
                received.write(chunk, 0, count);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
                    wanted = bodyLength(text.substring(0, headEnd));
                }
                if (headEnd >= 0 && complete(text, headEnd + 4, wanted)) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // whatever came within the time is the answer
        }
        String text = received.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/")) {
            return new Answer(0, text);
        }
        String[] statusLine = text.substring(0, Math.max(text.indexOf("\r\n"), 0)).split(" ");
        return new Answer(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0, text);
    }

    /** The declared body length, -2 for chunked, -1 for "until the connection closes". */
    private static long bodyLength(String head) {
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                return -2;
            }
        }
        return head.startsWith("HTTP/1.1 204") || head.startsWith("HTTP/1.1 304") ? 0 : -1;
    }

    private static boolean complete(String text, int bodyStart, long wanted) {
        if (wanted >= 0) {
            return text.length() - bodyStart >= wanted;
        }
        return wanted == -2 && text.endsWith("0\r\n\r\n");
    }
}
