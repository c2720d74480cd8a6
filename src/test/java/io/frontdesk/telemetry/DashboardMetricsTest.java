package io.frontdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.FreePort;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
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

    // no-cache with a validator: stored, then revalidated on every request.
    @AutoClose
    private static final TestBackend backend = TestBackend.start("web").responseHeader("Cache-Control", "no-cache")
            .responseHeader("ETag", "\"v1\"");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend)
            .set("frontdesk.pools.web.health-check.enabled", "true")
            .set("frontdesk.pools.web.health-check.path", "/health")
            .route(Route.to("web").id("pages").path("/pages/**").filter("Cache=pages"))
            .route(Route.to("web").id("api").path("/api/**").filter("RateLimit=strict,shared"))
            .set("frontdesk.cache.policies.pages.stale-if-error", "1m")
            .set("frontdesk.shield.limits.strict.rate", "1/s")
            .set("frontdesk.shield.limits.strict.burst", "1")
            .set("frontdesk.shield.limits.shared.rate", "1000/s")
            .set("frontdesk.shield.limits.shared.scope", "cluster")
            // A Redis nobody answers at: the cache tier and the cluster limit work without it, and count it.
            .set("spring.data.redis.url", "redis://127.0.0.1:" + FreePort.find())
            .set("frontdesk.management.token", TOKEN)
            .set("server.ssl.enabled", "true")
            .set("frontdesk.tls.http-port", "0"));

    @Test
    void everyMetricTheDashboardAndTheAlertsReadIsExported() {
        MonitoringQueries queries = MonitoringQueries.read(Path.of(""));
        assertThat(queries.files()).as("the files read").contains("grafana/frontdesk.json",
                "prometheus/frontdesk-alerts.yml");

        assertThat(gateway.get("/pages/a").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/pages/a").statusCode()).as("revalidated").isEqualTo(200);
        assertThat(gateway.get("/pages/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").statusCode()).as("WAF block")
                .isEqualTo(403);
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
            status = gateway.get("/api/item").statusCode();
        }
        return status;
    }

    private static HttpResponse<String> manage(String path, String json) {
        return gateway.send(HttpRequest.newBuilder(gateway.managementUri(path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
