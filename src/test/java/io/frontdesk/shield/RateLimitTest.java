package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Rate limits on routes, between real clients and a real backend on loopback. */
class RateLimitTest {

    private static TestBackend backend;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        backend = TestBackend.start("web");
        Map<String, String> settings = RunningGateway.poolWithRoute("web", List.of(backend));
        String web = "spring.cloud.gateway.server.webflux.routes[0]";
        settings.put(web + ".predicates[0]", "Path=/web/**");
        settings.put(web + ".filters[0]", "RateLimit=per-client,per-route");
        String api = "spring.cloud.gateway.server.webflux.routes[1]";
        settings.put(api + ".id", "api");
        settings.put(api + ".uri", "lb://web");
        settings.put(api + ".predicates[0]", "Path=/api/**");
        settings.put(api + ".filters[0]", "RateLimit=per-key");
        settings.put("frontdesk.shield.limits.per-client.rate", "10/s");
        settings.put("frontdesk.shield.limits.per-client.burst", "5");
        settings.put("frontdesk.shield.limits.per-route.rate", "10000/s");
        settings.put("frontdesk.shield.limits.per-route.key", "route");
        settings.put("frontdesk.shield.limits.per-key.rate", "1/m");
        settings.put("frontdesk.shield.limits.per-key.burst", "2");
        settings.put("frontdesk.shield.limits.per-key.key", "header:X-Api-Key");
        settings.put("frontdesk.edge.trusted-proxies[0]", "127.0.0.1/32");
        settings.put("frontdesk.shield.bans.enabled", "false");
        gateway = RunningGateway.start(settings);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    @BeforeEach
    void forget() {
        backend.resetCounts();
    }

    private static HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return gateway.send(request.build());
    }

    @Test
    void aClientAtTenTimesItsLimitIsHeldToItWhileAnotherIsServed() {
        int allowedA = 0;
        int servedB = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            HttpResponse<String> a = get("/web/a", "X-Forwarded-For", "203.0.113.1");
            if (a.statusCode() == 200) {
                allowedA++;
            } else {
                assertThat(a.statusCode()).isEqualTo(429);
                assertThat(Long.parseLong(a.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            }
            if (i % 20 == 0) {
                assertThat(get("/web/b", "X-Forwarded-For", "203.0.113.2").statusCode()).isEqualTo(200);
                servedB++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double expected = 5 + 10 * seconds;
        assertThat(allowedA).as("burst 5 plus 10/s over %.2f s", seconds)
                .isBetween((int) Math.floor(expected) - 1, (int) Math.ceil(expected) + 1);
        assertThat(backend.requests()).as("refused requests never reach the backend").isEqualTo(allowedA + servedB);
        assertThat(gateway.getManagement("/actuator/prometheus").body()).containsPattern(
                "frontdesk_ratelimit_requests_total\\{decision=\"limited\",limit=\"per-client\",route=\"web\"} [1-9]");
    }

    @Test
    void answersCarryThePolicyAndRefusalsSayWhenToComeBack() {
        HttpResponse<String> first = get("/web/c", "X-Forwarded-For", "203.0.113.3");
        assertThat(first.headers().firstValue("RateLimit-Policy"))
                .hasValue("\"per-client\";q=5;w=1, \"per-route\";q=10000;w=1");
        assertThat(first.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"per-client\";r=4;t=1, ");
        HttpResponse<String> refused = first;
        for (int i = 0; i < 20 && refused.statusCode() != 429; i++) {
            refused = get("/web/c", "X-Forwarded-For", "203.0.113.3");
        }
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429", "per-client");
        assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"per-client\";r=0;t=");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aHeaderKeyedLimitCountsEachKeyApart() {
        assertThat(get("/api/x", "X-Api-Key", "k1").statusCode()).isEqualTo(200);
        assertThat(get("/api/x", "X-Api-Key", "k1").statusCode()).isEqualTo(200);
        HttpResponse<String> third = get("/api/x", "X-Api-Key", "k1");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).as("one token a minute").isBetween(59L, 60L);
        assertThat(get("/api/x", "X-Api-Key", "k2").statusCode()).isEqualTo(200);
        assertThat(backend.requests()).isEqualTo(3);
    }
}
