package io.frontdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.FreePort;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/**
 * Every metric the Grafana dashboard and the Prometheus alerts read is exported by a running
 * gateway, once traffic has made it exist: requests over TLS through a caching route and a rate
 * limited one, a WAF block, a WAF reload, a ban, a Redis tier that does not answer, a garbage
 * collection.
 */
class DashboardMetricsTest {

    private static final String TOKEN = "dashboard-metrics-test-token";

    private static TestBackend backend;
    private static RunningGateway gateway;
    private static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        // no-cache with a validator: stored, then revalidated on every request.
        backend = TestBackend.start("web").responseHeader("Cache-Control", "no-cache").responseHeader("ETag", "\"v1\"");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("frontdesk.pools.web.backends[0].url", backend.url());
        settings.put("frontdesk.pools.web.health-check.enabled", "true");
        settings.put("frontdesk.pools.web.health-check.path", "/health");
        settings.put("spring.cloud.gateway.server.webflux.routes[0].id", "pages");
        settings.put("spring.cloud.gateway.server.webflux.routes[0].uri", "lb://web");
        settings.put("spring.cloud.gateway.server.webflux.routes[0].predicates[0]", "Path=/pages/**");
        settings.put("spring.cloud.gateway.server.webflux.routes[0].filters[0]", "Cache=pages");
        settings.put("spring.cloud.gateway.server.webflux.routes[1].id", "api");
        settings.put("spring.cloud.gateway.server.webflux.routes[1].uri", "lb://web");
        settings.put("spring.cloud.gateway.server.webflux.routes[1].predicates[0]", "Path=/api/**");
        settings.put("spring.cloud.gateway.server.webflux.routes[1].filters[0]", "RateLimit=strict,shared");
        settings.put("frontdesk.cache.policies.pages.stale-if-error", "1m");
        settings.put("frontdesk.shield.limits.strict.rate", "1/s");
        settings.put("frontdesk.shield.limits.strict.burst", "1");
        settings.put("frontdesk.shield.limits.shared.rate", "1000/s");
        settings.put("frontdesk.shield.limits.shared.scope", "cluster");
        // A Redis nobody answers at: the cache tier and the cluster limit work without it, and count it.
        settings.put("spring.data.redis.url", "redis://127.0.0.1:" + FreePort.find());
        settings.put("frontdesk.management.token", TOKEN);
        settings.put("server.ssl.enabled", "true");
        settings.put("frontdesk.tls.http-port", "0");
        gateway = RunningGateway.start(settings);
        https = HttpClient.newBuilder().sslContext(trustingTheGateway()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsReadIsExported() {
        MonitoringQueries queries = MonitoringQueries.read(Path.of(""));
        assertThat(queries.files()).as("the files read").contains("grafana/frontdesk.json",
                "prometheus/frontdesk-alerts.yml");

        assertThat(get("/pages/a").statusCode()).isEqualTo(200);
        assertThat(get("/pages/a").statusCode()).as("revalidated").isEqualTo(200);
        assertThat(get("/pages/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").statusCode()).as("WAF block").isEqualTo(403);
        assertThat(untilRefused()).as("rate limited").isEqualTo(429);
        assertThat(manage("/actuator/bans", "{\"client\":\"198.51.100.9\",\"duration\":\"1m\"}").statusCode())
                .as("ban by hand").isEqualTo(200);
        assertThat(manage("/actuator/waf", "{}").statusCode()).as("WAF reload").isEqualTo(200);
        System.gc();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(absent(queries.usedBy(), exportedNames()))
                        .as("metrics the dashboard or the alerts read that the gateway does not export")
                        .isEmpty());
    }

    private static Map<String, Set<String>> absent(Map<String, Set<String>> used, Set<String> exported) {
        Map<String, Set<String>> absent = new TreeMap<>(used);
        absent.keySet().removeAll(exported);
        return absent;
    }

    /** Names of the samples in a scrape: {@code frontdesk_requests_seconds_bucket}, not the family. */
    private static Set<String> exportedNames() {
        Set<String> names = new TreeSet<>();
        for (String line : gateway.getManagement("/actuator/prometheus").body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    private static int untilRefused() {
        int status = 0;
        for (int i = 0; i < 20 && status != 429; i++) {
            status = get("/api/item").statusCode();
        }
        return status;
    }

    private static HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return https.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> manage(String path, String json) {
        return gateway.send(HttpRequest.newBuilder(gateway.managementUri(path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Trusts exactly the self-signed certificate the gateway made for localhost. */
    private static SSLContext trustingTheGateway() throws Exception {
        String pem = gateway.context().getEnvironment().getRequiredProperty("server.ssl.certificate");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
