package io.frontdesk.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntFunction;

import org.awaitility.Awaitility;

/**
 * A real Redis server for a test class, from {@link RedisExtension}: on a loopback port that it
 * keeps when the test stops it and starts it again, and empty after each start.
 */
public final class Redis implements AutoCloseable {

    private final int port;
    private final RedisServer server;

    private Redis(int port, RedisServer server) {
        this.port = port;
        this.server = server;
    }

    /** Starts a server on a free port, and returns once it answers. */
    static Redis start(IntFunction<RedisServer> serverOnPort) {
        int port = FreePort.find();
        Redis redis = new Redis(port, serverOnPort.apply(port));
        try {
            redis.start();
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    public int port() {
        return port;
    }

    /** The value of {@code spring.data.redis.url} that points a gateway at this server. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again after {@link #stop()}, and returns once it answers PING. */
    public void start() {
        server.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .ignoreExceptions().until(() -> "+PONG".equals(command("PING")));
    }

    /** Stops the server; clients see their connections closed. */
    public void stop() {
        server.stop();
    }

    /** Sends one inline command and returns the first line of the reply. */
    public String command(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
