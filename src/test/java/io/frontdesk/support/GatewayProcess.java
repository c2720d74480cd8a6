package io.frontdesk.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.frontdesk.FrontdeskApplication;

/**
 * A real gateway in a process of its own, with the access log on, its standard output in a file:
 * for what only the process shows (the access log, the way it ends on SIGTERM).
 */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final int port;
    private final int managementPort;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayProcess(Process process, Path output, int port, int managementPort) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts a gateway on free ports and waits until it serves; {@code settings} as for {@link RunningGateway}. */
    public static GatewayProcess start(GatewaySettings settings) {
        return start(settings, List.of());
    }

    /**
     * As {@link #start(GatewaySettings)}, in a process whose file-descriptor limit (soft and hard,
     * so the JVM cannot raise it) is {@code descriptorLimit}: through {@code sh -c 'ulimit -n'}.
     */
    public static GatewayProcess start(GatewaySettings settings, int descriptorLimit) {
        return start(settings, List.of("/bin/sh", "-c", "ulimit -n " + descriptorLimit + " && exec \"$@\"", "sh"));
    }

    private static GatewayProcess start(GatewaySettings settings, List<String> launcher) {
        int[] ports = FreePort.find(2);
        GatewaySettings all = settings.set("server.port", Integer.toString(ports[0]))
                .set("management.server.port", Integer.toString(ports[1]))
                .set("frontdesk.access-log.enabled", "true");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"), FrontdeskApplication.class.getName()));
        command.addAll(List.of(RunningGateway.arguments(all)));
        try {
            Path output = Files.createTempFile("frontdesk-gateway", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            GatewayProcess gateway = new GatewayProcess(process, output, ports[0], ports[1]);
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()
                    || Files.readString(output).contains("Started "));
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway did not start:\n" + Files.readString(output));
            }
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(client, request);
    }

    /** Everything the process wrote so far, line by line. */
    public List<String> output() {
        try {
            return Files.readAllLines(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the process's threads now, as the JDK's {@code jcmd Thread.print} lists them. */
    public List<String> threadNames() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            List<String> names = new ArrayList<>();
            Matcher name = Pattern.compile("(?m)^\"([^\"]+)\"").matcher(new String(dump.getInputStream().readAllBytes()));
            while (name.find()) {
                names.add(name.group(1));
            }
            if (!dump.waitFor(30, TimeUnit.SECONDS) || dump.exitValue() != 0 || names.isEmpty()) {
                throw new IllegalStateException(jcmd + " did not list the gateway's threads");
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGTERM; whether the process exited within the time. */
    public boolean terminate(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
            Files.deleteIfExists(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
