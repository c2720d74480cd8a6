package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** A route's Resilience4j circuit breaker opens on failures and answers for the backend. */
class CircuitBreakerTest {

    private final TestBackend backend = TestBackend.start("backend");

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(RunningGateway.poolWithRoute("web", List.of(backend)));
        String route = "spring.cloud.gateway.server.webflux.routes[0]";
        settings.put(route + ".filters[0].name", "CircuitBreaker");
        settings.put(route + ".filters[0].args.name", "web");
        settings.put(route + ".filters[0].args.statusCodes[0]", "500");
        String breaker = "resilience4j.circuitbreaker.instances.web.";
        settings.put(breaker + "sliding-window-size", "4");
        settings.put(breaker + "minimum-number-of-calls", "4");
        settings.put(breaker + "failure-rate-threshold", "50");
        settings.put(breaker + "wait-duration-in-open-state", "60s");
        settings.put("frontdesk.pools.web.outlier-detection.enabled", "false");
        return settings;
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
