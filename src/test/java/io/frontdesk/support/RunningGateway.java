package io.frontdesk.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.frontdesk.FrontdeskApplication;

/**
 * A real gateway in the test's JVM, on free ports, configured with command-line arguments
 * (which outrank application.yml just as an operator's would).
 */
public final class RunningGateway implements AutoCloseable {

    private static final Map<String, String> TEST_DEFAULTS = Map.of(
            "server.port", "0",
            "management.server.port", "0",
            "management.server.address", "127.0.0.1",
            "frontdesk.access-log.enabled", "false",
            "server.ssl.enabled", "false",
            "spring.lifecycle.timeout-per-shutdown-phase", "2s");

    private final ConfigurableApplicationContext context;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a gateway; {@code settings} are {@code key, value} pairs. */
    public static RunningGateway start(Map<String, String> settings) {
        return new RunningGateway(SpringApplication.run(FrontdeskApplication.class, arguments(settings)));
    }

    public static String[] arguments(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(TEST_DEFAULTS);
        all.putAll(settings);
        List<String> arguments = new ArrayList<>();
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort() + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public HttpResponse<String> getManagement(String path) {
        return send(HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(client, request);
    }

    public HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Settings of a pool: {@code frontdesk.pools.NAME.backends[i].url} for each backend, plus a route to it. */
    public static Map<String, String> poolWithRoute(String pool, List<TestBackend> backends) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < backends.size(); i++) {
            settings.put("frontdesk.pools." + pool + ".backends[" + i + "].url", backends.get(i).url());
        }
        settings.put("spring.cloud.gateway.server.webflux.routes[0].id", pool);
        settings.put("spring.cloud.gateway.server.webflux.routes[0].uri", "lb://" + pool);
        settings.put("spring.cloud.gateway.server.webflux.routes[0].predicates[0]", "Path=/**");
        return settings;
    }
}
