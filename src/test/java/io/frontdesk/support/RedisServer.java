package io.frontdesk.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A real Redis server for tests: the Debian package's {@code redis-server}, started on a free
 * loopback port with persistence off, stopped (and started again on the same port) by the test.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path directory;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
        try {
            this.directory = Files.createTempDirectory("frontdesk-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RedisServer start() {
        RedisServer server = new RedisServer(FreePort.find());
        server.startAgain();
        return server;
    }

    public int port() {
        return port;
    }

    /** Settings that point a gateway at this server. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again, after {@link #stop()}), and returns once it answers PING. */
    public void startAgain() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--loglevel", "warning")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server could not be started (is the redis-server package"
                    + " installed?)", e);
        }
        // A test class whose set-up fails after this point never reaches its close(); the JVM's exit still stops it.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .ignoreExceptions().until(() -> "+PONG".equals(command("PING")));
    }

    /** Stops the server; clients see their connections closed. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
