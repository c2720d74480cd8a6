package io.frontdesk.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * A backend on loopback that writes exactly the bytes a test gives it, for responses no HTTP
 * server library would send. It records every request line it reads, in order, and answers
 * each path with its script; a path without one gets a well-formed 200 whose body is the path,
 * cacheable for ten minutes, so that a response given to the wrong request shows.
 */
public final class RawOrigin implements AutoCloseable {

    /** What the origin does with one request on its connection. */
    @FunctionalInterface
    public interface Reply {

        /** Writes the answer; returns whether the connection stays open for the next request. */
        boolean send(OutputStream out, InputStream in) throws IOException;
    }

    private final ServerSocket server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private RawOrigin(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::accept, "raw-origin-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawOrigin start() {
        try {
            return new RawOrigin(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an origin that speaks HTTPS with the given certificate and key (PEM). */
    public static RawOrigin startTls(String certificatePem, String privateKeyPem) {
        try {
            JdkSslContext tls = (JdkSslContext) SslContextBuilder.forServer(stream(certificatePem),
                    stream(privateKeyPem)).sslProvider(SslProvider.JDK).build();
            return new RawOrigin(tls.context().getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    public String url() {
        return (server instanceof SSLServerSocket ? "https" : "http") + "://127.0.0.1:" + server.getLocalPort();
    }

    /** {@code host:port}, as the gateway names this backend. */
    public String id() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Answers requests for {@code path} with these bytes (ISO-8859-1) and keeps the connection open. */
    public RawOrigin answer(String path, String bytes) {
        return reply(path, (out, in) -> {
            write(out, bytes);
            return true;
        });
    }

    /** Answers requests for {@code path} with these bytes, then closes the connection. */
    public RawOrigin answerThenClose(String path, String bytes) {
        return reply(path, (out, in) -> {
            write(out, bytes);
            return false;
        });
    }

    public RawOrigin reply(String path, Reply reply) {
        replies.put(path, reply);
        return this;
    }

    /** The request lines ({@code GET /path}) received so far, in the order they arrived. */
    public List<String> received() {
        return received;
    }

    /** How many connections the gateway has opened to this origin. */
    public int connectionsAccepted() {
        return connections.size();
    }

    /** What a path without a script answers. */
    public static String wellFormed(String path) {
        return "HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: " + path.length() + "\r\n\r\n"
                + path;
    }

    public static void write(OutputStream out, String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads until the peer closes the connection; returns whether it did (rather than the read timing out). */
    public static boolean closedByPeer(InputStream in) {
        try {
            while (in.read() >= 0) {
                // anything more the gateway sends is of no interest here
            }
            return true;
        } catch (IOException e) {
            return e instanceof SocketException;
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread serving = new Thread(() -> serve(socket), "raw-origin-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(15_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head;
            while ((head = readHead(in)) != null) {
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                String[] parts = requestLine.split(" ");
                received.add(parts[0] + " " + parts[1]);
                skipBody(in, head);
                Reply reply = replies.getOrDefault(parts[1], (o, i) -> {
                    write(o, wellFormed(parts[1]));
                    return true;
                });
                if (!reply.send(out, in)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the gateway went away; nothing to answer
        }
    }

    /** The request head up to and including its blank line, or {@code null} at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int next;
        while ((next = in.read()) >= 0) {
            head.write(next);
            matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : next == '\r' ? 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()));
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }

    /** Lets a reply wait for the test: {@link #open()} releases it. */
    public static final class Gate {

        private final CountDownLatch latch = new CountDownLatch(1);

        public void open() {
            latch.countDown();
        }

        /** Waits at most as long as a connection's read timeout, after which the reply goes on. */
        public void await() {
            try {
                latch.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
