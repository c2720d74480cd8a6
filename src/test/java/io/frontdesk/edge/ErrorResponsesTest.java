package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.balancer.BackendPools;
import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.FreePort;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Failures reach the client as the right status with an RFC 9457 body carrying the request id. */
class ErrorResponsesTest {

    @AutoClose
    private final TestBackend backend = TestBackend.start("backend");

    /** A pool of one backend, at this URL, behind a route for /api/**. */
    private static GatewaySettings api(String url) {
        return GatewaySettings.empty().pool("web", url).route(Route.to("web").path("/api/**"));
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.body()).contains("\"status\":" + status, "\"requestId\":\"" + requestId + "\"",
                "\"type\":\"about:blank\"");
    }

    @Test
    void aRefusalOrAnUnroutedRequestKeepsTheConnectionForTheNextRequest() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(api(backend.url()));
                ClientConnection connection = new ClientConnection(gateway.port())) {
            ClientConnection.Response refused = connection.get("/api/search?q=1%27%20OR%20%271%27%3D%271");
            assertThat(refused.status()).as("the WAF's refusal").isEqualTo(403);
            ClientConnection.Response unrouted = connection.get("/nowhere");
            assertThat(unrouted.status()).isEqualTo(404);
            for (ClientConnection.Response problem : new ClientConnection.Response[] {refused, unrouted}) {
                assertThat(problem.headers()).containsIgnoringCase("Content-Length: " + problem.body().length())
                        .doesNotContainIgnoringCase("Connection: close");
            }
            ClientConnection.Response next = connection.get("/api/after");
            assertThat(next.complete()).as("answered on the same connection").isTrue();
            assertThat(next.status()).isEqualTo(200);
        }
        assertThat(backend.received()).extracting(TestBackend.Received::uri).containsExactly("/api/after");
    }

    @Test
    void responseTimeoutOfTheRouteGives504() {
        assertSlowBackendTimesOut(GatewaySettings.empty().pool("web", backend.url())
                .route(Route.to("web").path("/api/**").metadata("response-timeout", "300")));
    }

    @Test
    void theFrameworksGlobalResponseTimeoutGives504() {
        assertSlowBackendTimesOut(api(backend.url())
                .set("spring.cloud.gateway.server.webflux.httpclient.response-timeout", "300ms"));
    }

    @Test
    void aRouteTurnsTheGlobalResponseTimeoutOff() {
        backend.delay(Duration.ofMillis(800));
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", backend.url())
                .route(Route.to("web").path("/api/**").metadata("response-timeout", "-1"))
                .set("spring.cloud.gateway.server.webflux.httpclient.response-timeout", "300ms"))) {
            HttpResponse<String> response = gateway.get("/api/slow");
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void silentBackendPastTheReadTimeoutGives504() {
        assertSlowBackendTimesOut(api(backend.url()).set("frontdesk.upstream.read-timeout", "300ms"));
    }

    private void assertSlowBackendTimesOut(GatewaySettings settings) {
        backend.delay(Duration.ofSeconds(3));
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
        try (RunningGateway gateway = RunningGateway.start(api("http://127.0.0.1:" + FreePort.find()))) {
            HttpResponse<String> response = gateway.get("/api/x");
            assertProblem(response, 502);
            assertThat(response.body()).contains("could not be reached");
        }
    }

    @Test
    void noAvailableBackendGives503() {
        backend.healthStatus(500);
        try (RunningGateway gateway = RunningGateway.start(api(backend.url())
                .set("frontdesk.pools.web.panic-threshold", "0")
                .set("frontdesk.pools.web.health-check.enabled", "true")
                .set("frontdesk.pools.web.health-check.path", "/health")
                .set("frontdesk.pools.web.health-check.interval", "100ms")
                .set("frontdesk.pools.web.health-check.fall", "1"))) {
            var state = gateway.context().getBean(BackendPools.class).get("web").backends().get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> !state.healthy());
            HttpResponse<String> response = gateway.get("/api/x");
            assertProblem(response, 503);
        }
        assertThat(backend.requests()).isZero();
    }

    @Test
    void unmatchedPathGives404() {
        try (RunningGateway gateway = RunningGateway.start(api(backend.url()))) {
            HttpResponse<String> response = gateway.get("/elsewhere");
            assertProblem(response, 404);
        }
    }

    @Test
    void actuatorIsNotServedOnThePublicPort() {
        try (RunningGateway gateway = RunningGateway.start(api(backend.url()))) {
            assertThat(gateway.get("/actuator/health").statusCode()).isEqualTo(404);
            assertThat(gateway.getManagement("/actuator/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void backendErrorsPassThroughUnchanged() {
        backend.mode(TestBackend.Mode.FAIL);
        try (RunningGateway gateway = RunningGateway.start(api(backend.url()))) {
            HttpResponse<String> response = gateway.get("/api/x");
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("backend");
        }
        assertThat(backend.requests()).isEqualTo(1);
    }
}
