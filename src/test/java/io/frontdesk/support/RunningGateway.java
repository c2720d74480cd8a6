package io.frontdesk.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

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
    private final HttpClient client;

    private RunningGateway(ConfigurableApplicationContext context, HttpClient.Version version) {
        this.context = context;
        HttpClient.Builder client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5));
        if (context.getEnvironment().containsProperty("frontdesk.tls.self-signed-certificate")) {
            client.sslContext(sslContext());
        }
        this.client = client.build();
    }

    public static RunningGateway start(GatewaySettings settings) {
        return start(settings, HttpClient.Version.HTTP_2);
    }

    /** Starts a gateway whose {@link #client()} asks for this version of HTTP. */
    public static RunningGateway start(GatewaySettings settings, HttpClient.Version version) {
        return new RunningGateway(SpringApplication.run(FrontdeskApplication.class, arguments(settings)), version);
    }

    /** Starts a gateway with beans of these configuration classes besides its own. */
    public static RunningGateway start(GatewaySettings settings, Class<?>... configuration) {
        Class<?>[] sources = new Class<?>[configuration.length + 1];
        sources[0] = FrontdeskApplication.class;
        System.arraycopy(configuration, 0, sources, 1, configuration.length);
        return new RunningGateway(SpringApplication.run(sources, arguments(settings)), HttpClient.Version.HTTP_2);
    }

    /** The command line of a gateway with these settings over the tests' defaults. */
    public static String[] arguments(GatewaySettings settings) {
        Map<String, String> all = new LinkedHashMap<>(TEST_DEFAULTS);
        all.putAll(settings.values());
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

    /** Over HTTPS when it is on: by the name the embedded default's certificate is for. */
    public URI uri(String path) {
        boolean tls = context.getEnvironment().getProperty("server.ssl.enabled", Boolean.class, false);
        return URI.create((tls ? "https://localhost:" : "http://127.0.0.1:") + port() + path);
    }

    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort() + path);
    }

    /** A GET on the public port; {@code headers} are name, value pairs. */
    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    /**
     * A GET as the given client sends it through a proxy the gateway trusts (the tests' settings
     * name 127.0.0.1 in {@code frontdesk.edge.trusted-proxies}): its address in X-Forwarded-For.
     */
    public HttpResponse<String> getFrom(String client, String path) {
        return get(path, "X-Forwarded-For", client);
    }

    /** A request to the public port that waits ten seconds for its answer; {@code headers} are name, value pairs. */
    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        return headers.length == 0 ? request : request.headers(headers);
    }

    public HttpResponse<String> getManagement(String path) {
        return send(HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(client, request);
    }

    /** A client that trusts the gateway's own certificate, if it made one. */
    public HttpClient client() {
        return client;
    }

    /**
     * Trusts exactly the certificate the gateway made for itself (the embedded default's, when
     * HTTPS is on and none is configured), so that clients keep hostname and chain checks on.
     */
    public TrustManager[] trustManagers() {
        String pem = context.getEnvironment().getRequiredProperty("server.ssl.certificate");
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            return trust.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context with {@link #trustManagers()}. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
