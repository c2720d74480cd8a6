package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.balancer.BackendPools;
import io.frontdesk.support.FreePort;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Failures reach the client as the right status with an RFC 9457 body carrying the request id. */
class ErrorResponsesTest {

    private final TestBackend backend = TestBackend.start("backend");

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    private static Map<String, String> route(String pool, String url) {
        Map<String, String> settings = new HashMap<>();
        settings.put("frontdesk.pools." + pool + ".backends[0].url", url);
        settings.put("spring.cloud.gateway.server.webflux.routes[0].id", pool);
        settings.put("spring.cloud.gateway.server.webflux.routes[0].uri", "lb://" + pool);
        settings.put("spring.cloud.gateway.server.webflux.routes[0].predicates[0]", "Path=/api/**");
        return settings;
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.body()).contains("\"status\":" + status, "\"requestId\":\"" + requestId + "\"",
                "\"type\":\"about:blank\"");
    }

    @Test
    void responseTimeoutOfTheRouteGives504() {
        assertSlowBackendTimesOut("spring.cloud.gateway.server.webflux.routes[0].metadata.response-timeout", "300");
    }

    @Test
    void silentBackendPastTheReadTimeoutGives504() {
        assertSlowBackendTimesOut("frontdesk.upstream.read-timeout", "300ms");
    }

    private void assertSlowBackendTimesOut(String timeoutKey, String timeout) {
        backend.delay(Duration.ofSeconds(3));
        Map<String, String> settings = route("web", backend.url());
        settings.put(timeoutKey, timeout);
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            long start = System.nanoTime();
            HttpResponse<String> response = gateway.get("/api/slow");
            assertProblem(response, 504);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(response.body()).contains("did not answer in time");
        }
    }

    @Test
    void refusedConnectionGives502() {
        try (RunningGateway gateway = RunningGateway.start(route("web", "http://127.0.0.1:" + FreePort.find()))) {
            HttpResponse<String> response = gateway.get("/api/x");
            assertProblem(response, 502);
            assertThat(response.body()).contains("could not be reached");
        }
    }

    @Test
    void noAvailableBackendGives503() {
        backend.healthStatus(500);
        Map<String, String> settings = route("web", backend.url());
        settings.put("frontdesk.pools.web.panic-threshold", "0");
        settings.put("frontdesk.pools.web.health-check.enabled", "true");
        settings.put("frontdesk.pools.web.health-check.path", "/health");
        settings.put("frontdesk.pools.web.health-check.interval", "100ms");
        settings.put("frontdesk.pools.web.health-check.fall", "1");
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            var state = gateway.context().getBean(BackendPools.class).get("web").backends().get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> !state.healthy());
            HttpResponse<String> response = gateway.get("/api/x");
            assertProblem(response, 503);
        }
        assertThat(backend.requests()).isZero();
    }

    @Test
    void unmatchedPathGives404() {
        try (RunningGateway gateway = RunningGateway.start(route("web", backend.url()))) {
            HttpResponse<String> response = gateway.get("/elsewhere");
            assertProblem(response, 404);
        }
    }

    @Test
    void actuatorIsNotServedOnThePublicPort() {
        try (RunningGateway gateway = RunningGateway.start(route("web", backend.url()))) {
            assertThat(gateway.get("/actuator/health").statusCode()).isEqualTo(404);
            assertThat(gateway.getManagement("/actuator/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void backendErrorsPassThroughUnchanged() {
        backend.mode(TestBackend.Mode.FAIL);
        try (RunningGateway gateway = RunningGateway.start(route("web", backend.url()))) {
            HttpResponse<String> response = gateway.get("/api/x");
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("backend");
        }
        assertThat(backend.requests()).isEqualTo(1);
    }
}
