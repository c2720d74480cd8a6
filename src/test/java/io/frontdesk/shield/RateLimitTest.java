package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Rate limits on routes, between real clients and a real backend on loopback. */
class RateLimitTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend)
            .route(Route.to("web").path("/web/**").filter("RateLimit=per-client,per-route"))
            .route(Route.to("web").id("api").path("/api/**").filter("RateLimit=per-key"))
            .set("frontdesk.shield.limits.per-client.rate", "10/s")
            .set("frontdesk.shield.limits.per-client.burst", "5")
            .set("frontdesk.shield.limits.per-route.rate", "10000/s")
            .set("frontdesk.shield.limits.per-route.key", "route")
            .set("frontdesk.shield.limits.per-key.rate", "1/m")
            .set("frontdesk.shield.limits.per-key.burst", "2")
            .set("frontdesk.shield.limits.per-key.key", "header:X-Api-Key")
            .set("frontdesk.edge.trusted-proxies[0]", "127.0.0.1/32")
            .set("frontdesk.shield.bans.enabled", "false"));

    @BeforeEach
    void forget() {
        backend.resetCounts();
    }

    @Test
    void aClientAtTenTimesItsLimitIsHeldToItWhileAnotherIsServed() {
        int allowedA = 0;
        int servedB = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= 100; i++) {
            HttpResponse<String> a = gateway.getFrom("203.0.113.1", "/web/a");
            if (a.statusCode() == 200) {
                allowedA++;
            } else {
                assertThat(a.statusCode()).isEqualTo(429);
                assertThat(Long.parseLong(a.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            }
            if (i % 20 == 0) {
                assertThat(gateway.getFrom("203.0.113.2", "/web/b").statusCode()).isEqualTo(200);
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
        HttpResponse<String> first = gateway.getFrom("203.0.113.3", "/web/c");
        assertThat(first.headers().firstValue("RateLimit-Policy"))
                .hasValue("\"per-client\";q=5;w=1, \"per-route\";q=10000;w=1");
        assertThat(first.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"per-client\";r=4;t=1, ");
        HttpResponse<String> refused = first;
        for (int i = 0; i < 20 && refused.statusCode() != 429; i++) {
            refused = gateway.getFrom("203.0.113.3", "/web/c");
        }
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429", "per-client");
        assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"per-client\";r=0;t=");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aHeaderKeyedLimitCountsEachKeyApart() {
        assertThat(gateway.get("/api/x", "X-Api-Key", "k1").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/x", "X-Api-Key", "k1").statusCode()).isEqualTo(200);
        HttpResponse<String> third = gateway.get("/api/x", "X-Api-Key", "k1");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).as("one token a minute").isBetween(59L, 60L);
        assertThat(gateway.get("/api/x", "X-Api-Key", "k2").statusCode()).isEqualTo(200);
        assertThat(backend.requests()).isEqualTo(3);
    }
}
