package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Load;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Backends going away and coming back under load, through a real gateway. */
class FailoverTest {

    private final List<TestBackend> backends = new ArrayList<>();

    @AfterEach
    void stopBackends() {
        backends.forEach(TestBackend::close);
    }

    /** Three backends, probed at this interval: out after {@code fall} failed probes, back after {@code rise}. */
    private GatewaySettings healthCheckedPool(String interval, int fall, int rise) {
        for (int i = 0; i < 3; i++) {
            backends.add(TestBackend.start("b" + i));
        }
        return GatewaySettings.empty().pool("web", backends).route(Route.to("web"))
                .set("frontdesk.pools.web.health-check.enabled", "true")
                .set("frontdesk.pools.web.health-check.path", "/health")
                .set("frontdesk.pools.web.health-check.interval", interval)
                .set("frontdesk.pools.web.health-check.fall", Integer.toString(fall))
                .set("frontdesk.pools.web.health-check.rise", Integer.toString(rise));
    }

    @Test
    void stoppingABackendUnderLoadFailsNoRequestAndItsReturnBringsTrafficBack() {
        GatewaySettings settings = healthCheckedPool("200ms", 2, 1)
                .set("frontdesk.pools.web.health-check.timeout", "200ms")
                .set("frontdesk.pools.web.outlier-detection.consecutive-failures", "2")
                .set("frontdesk.pools.web.outlier-detection.base-ejection-time", "1s")
                .set("frontdesk.pools.web.outlier-detection.max-ejection-time", "2s");
        TestBackend leaving = backends.get(1);
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            Backend leavingState = gateway.context().getBean(BackendPools.class).get("web").backends().get(1);
            AtomicBoolean stop = new AtomicBoolean();
            Load load = new Load();
            CompletableFuture<Load> running = CompletableFuture.supplyAsync(
                    () -> load.run(gateway.uri("/"), 8, 200_000, stop::get));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> leaving.requests() >= 50);
                leaving.stop();
                long stoppedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(3)).until(() -> !leavingState.available(System.nanoTime()));
                assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(3));

                int seenWhileAway = leaving.requests();
                int completedAtStop = load.completed();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.completed() >= completedAtStop + 500);
                assertThat(leaving.requests()).isEqualTo(seenWhileAway);

                leaving.restart();
                await().atMost(Duration.ofSeconds(10)).until(() -> leaving.requests() >= seenWhileAway + 50);
            } finally {
                stop.set(true);
                running.join();
            }
            assertThat(load.failures()).as("failed client requests").isEmpty();
            assertThat(load.completed()).isGreaterThan(600);
        }
    }

    @Test
    void backendFailingItsHealthCheckGetsNoTrafficAfterFallAndTrafficAgainAfterRise() {
        GatewaySettings settings = healthCheckedPool("100ms", 3, 2).set("frontdesk.pools.web.algorithm", "round-robin");
        TestBackend sick = backends.get(0);
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            Backend state = gateway.context().getBean(BackendPools.class).get("web").backends().get(0);
            long failedBefore = state.probesFailed();
            sick.healthStatus(500);
            await().atMost(Duration.ofSeconds(5)).until(() -> !state.healthy());
            assertThat(state.probesFailed() - failedBefore).as("failed probes before the verdict")
                    .isGreaterThanOrEqualTo(3);

            sick.resetCounts();
            for (int i = 0; i < 60; i++) {
                assertThat(gateway.get("/").statusCode()).isEqualTo(200);
            }
            assertThat(sick.requests()).isZero();

            long succeededBefore = state.probesSucceeded();
            sick.healthStatus(200);
            await().atMost(Duration.ofSeconds(5)).until(state::healthy);
            assertThat(state.probesSucceeded() - succeededBefore).isGreaterThanOrEqualTo(2);
            for (int i = 0; i < 60; i++) {
                assertThat(gateway.get("/").statusCode()).isEqualTo(200);
            }
            assertThat(sick.requests()).isEqualTo(20);
        }
    }
}
