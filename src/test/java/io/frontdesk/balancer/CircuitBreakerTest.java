package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** A route's Resilience4j circuit breaker opens on failures and answers for the backend. */
class CircuitBreakerTest {

    @AutoClose
    private final TestBackend backend = TestBackend.start("backend");

    private GatewaySettings settings() {
        String breaker = "resilience4j.circuitbreaker.instances.web.";
        return GatewaySettings.empty().pool("web", backend)
                .route(Route.to("web").filter("CircuitBreaker", Map.of("name", "web", "statusCodes[0]", "500")))
                .set(breaker + "sliding-window-size", "4")
                .set(breaker + "minimum-number-of-calls", "4")
                .set(breaker + "failure-rate-threshold", "50")
                .set(breaker + "wait-duration-in-open-state", "60s")
                .set("frontdesk.pools.web.outlier-detection.enabled", "false");
    }

    @Test
    void failuresOpenTheBreakerWhichThenAnswers503WithoutCallingTheBackend() {
        backend.mode(TestBackend.Mode.FAIL);
        try (RunningGateway gateway = RunningGateway.start(settings())) {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> failed = gateway.get("/");
                assertThat(failed.statusCode()).isEqualTo(500);
                assertThat(failed.body()).contains("circuit breaker counts as a failure");
            }
            int seen = backend.requests();
            HttpResponse<String> refused = gateway.get("/");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("circuit breaker is open");
            assertThat(backend.requests()).as("the open breaker keeps requests from the backend").isEqualTo(seen);
        }
        assertThat(backend.requests()).isEqualTo(4);
    }

    @Test
    void slowAnswersAreNotCutByTheBreakersTimeLimiter() {
        backend.delay(Duration.ofMillis(1500));
        try (RunningGateway gateway = RunningGateway.start(settings())) {
            assertThat(gateway.get("/").statusCode()).isEqualTo(200);
        }
    }
}
