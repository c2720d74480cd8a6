package io.frontdesk.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The {@code redis-server} on the PATH (Debian's package), as a child process with persistence off. */
final class RedisProcess implements RedisServer {

    private final int port;
    private final Path directory;
    private Process process;

    RedisProcess(int port) {
        this.port = port;
        try {
            this.directory = Files.createTempDirectory("frontdesk-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean onPath() {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "redis-server")));
    }

    @Override
    public void start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--loglevel", "warning")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server could not be started", e);
        }
        // A test class whose set-up fails after this point never closes it; the JVM's exit still stops it.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
    }

    @Override
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

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
