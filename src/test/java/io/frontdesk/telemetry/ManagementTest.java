package io.frontdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** The management port: health groups, metrics of real traffic, backends, read-only routes. */
class ManagementTest {

    @AutoClose
    private final TestBackend first = TestBackend.start("first");
    @AutoClose
    private final TestBackend second = TestBackend.start("second");

    @Test
    void managementEndpointsDescribeTheTraffic() {
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", first, second)
                .route(Route.to("web")).set("frontdesk.pools.web.algorithm", "round-robin"))) {
            for (int i = 0; i < 10; i++) {
                assertThat(gateway.get("/page").statusCode()).isEqualTo(200);
            }
            assertThat(gateway.getManagement("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(gateway.getManagement("/actuator/health/readiness").statusCode()).isEqualTo(200);

            String metrics = gateway.getManagement("/actuator/prometheus").body();
            String backend = "127.0.0.1:" + first.port();
            assertThat(metrics)
                    .contains("frontdesk_requests_seconds_bucket{backend=\"" + backend
                            + "\",pool=\"web\",route=\"web\",status=\"2xx\",le=\"0.1\"}")
                    .contains("frontdesk_requests_seconds_count{backend=\"" + backend
                            + "\",pool=\"web\",route=\"web\",status=\"2xx\"} 5")
                    .contains("frontdesk_backend_up{backend=\"" + backend + "\",pool=\"web\"} 1")
                    .contains("frontdesk_backend_ejections_total{backend=\"" + backend + "\",pool=\"web\",reason=\"slow\"} 0")
                    .contains("frontdesk_retries_total{pool=\"web\"} 0")
                    .contains("frontdesk_response_bytes_total{route=\"web\"}")
                    .doesNotContain("route=\"none\"");

            String backends = gateway.getManagement("/actuator/backends").body();
            assertThat(backends).contains("\"web\"", "\"algorithm\":\"round-robin\"", "\"id\":\"" + backend + "\"",
                    "\"up\":true");

            assertThat(gateway.getManagement("/actuator/gateway/routes").body()).contains("lb://web");
            HttpResponse<String> refresh = refresh(gateway, null);
            assertThat(refresh.statusCode()).as("writes without a configured token").isEqualTo(403);
            assertThat(refresh.body()).contains("frontdesk.management.token");
        }
    }

    @Test
    void stateChangingManagementRequestsNeedTheBearerToken() {
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", first)
                .route(Route.to("web")).set("frontdesk.management.token", "s3cret-token-for-tests"))) {
            HttpResponse<String> missing = refresh(gateway, null);
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"frontdesk-management\"");
            assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refresh(gateway, "Bearer wrong-token-of-same-size").statusCode()).isEqualTo(401);
            assertThat(refresh(gateway, "Bearer s3cret-token-for-tests").statusCode()).isEqualTo(200);
            assertThat(gateway.getManagement("/actuator/health").statusCode()).as("reading stays open").isEqualTo(200);
        }
    }

    private static HttpResponse<String> refresh(RunningGateway gateway, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.managementUri("/actuator/gateway/refresh"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return gateway.send(request.build());
    }
}
