package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.FreePort;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Which failed attempts are tried again on another backend, and which never are. */
class RetrySafetyTest {

    @AutoClose
    private final TestBackend first = TestBackend.start("first");
    @AutoClose
    private final TestBackend second = TestBackend.start("second");

    @Test
    void postWhoseBackendDiesAfterReadingItIsNotReplayed() {
        first.mode(TestBackend.Mode.CLOSE_AFTER_READ);
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", first, second)
                .route(Route.to("web"))
                .set("frontdesk.pools.web.algorithm", "round-robin"))) {
            HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/orders"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"item\":42}")).build());
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(first.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.body()).isEqualTo("{\"item\":42}");
        });
        assertThat(second.requests()).as("the POST must not reach a second backend").isZero();
    }

    @Test
    void getWhoseBackendClosesBeforeAnsweringIsRetriedOnAnotherBackend() {
        first.mode(TestBackend.Mode.CLOSE_AFTER_READ);
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", first, second)
                .route(Route.to("web"))
                .set("frontdesk.pools.web.algorithm", "round-robin"))) {
            HttpResponse<String> response = gateway.get("/catalog");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("second");
        }
        assertThat(first.requests()).isEqualTo(1);
        assertThat(second.requests()).isEqualTo(1);
    }

    @Test
    void postThatCouldNotConnectIsSentToAnotherBackend() {
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
                .pool("web", "http://127.0.0.1:" + FreePort.find(), second.url()).route(Route.to("web"))
                .set("frontdesk.pools.web.algorithm", "round-robin"))) {
            HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/orders"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("payload")).build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("second");
            assertThat(gateway.context().getBean(BackendPools.class).get("web").retries()).isEqualTo(1);
        }
        assertThat(second.received()).singleElement().satisfies(request -> assertThat(request.body()).isEqualTo("payload"));
    }

    @Test
    void retriesOfRequestsThatNeverLeftAreNotChargedToTheRetryBudget() {
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
                .pool("web", "http://127.0.0.1:" + FreePort.find(), second.url()).route(Route.to("web"))
                .set("frontdesk.pools.web.algorithm", "round-robin")
                .set("frontdesk.pools.web.retry.budget-percent", "0")
                .set("frontdesk.pools.web.retry.min-retry-concurrency", "0"))) {
            HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/orders"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("payload")).build());
            assertThat(response.statusCode()).isEqualTo(200);
            BackendPool pool = gateway.context().getBean(BackendPools.class).get("web");
            assertThat(pool.retries()).isEqualTo(1);
            assertThat(pool.retriesRefusedByBudget()).isZero();
        }
    }

    @Test
    void retriesOfRequestsThatMayHaveBeenServedNeedTheRetryBudget() {
        first.mode(TestBackend.Mode.CLOSE_AFTER_READ);
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", first, second)
                .route(Route.to("web"))
                .set("frontdesk.pools.web.algorithm", "round-robin")
                .set("frontdesk.pools.web.retry.budget-percent", "0")
                .set("frontdesk.pools.web.retry.min-retry-concurrency", "0"))) {
            assertThat(gateway.get("/catalog").statusCode()).isEqualTo(502);
            assertThat(gateway.context().getBean(BackendPools.class).get("web").retriesRefusedByBudget()).isOne();
        }
        assertThat(first.requests()).isEqualTo(1);
        assertThat(second.requests()).isZero();
    }
}
