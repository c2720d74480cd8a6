package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Load;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/**
 * A backend that answers slowly, below any timeout, through a real gateway: avoided by the
 * default algorithm, ejected under round-robin, and given its share back once fast again.
 * Averages decay over half a second here, so that recovery takes seconds.
 */
class SlowBackendTest {

    private static final Duration SLOW = Duration.ofMillis(500);
    private static final int CONCURRENCY = 8;

    private final List<TestBackend> backends = new ArrayList<>();

    @AfterEach
    void stopBackends() {
        backends.forEach(TestBackend::close);
    }

    private GatewaySettings pool(int count) {
        for (int i = 0; i < count; i++) {
            backends.add(TestBackend.start("b" + i));
        }
        return GatewaySettings.empty().pool("web", backends).route(Route.to("web"))
                .set("frontdesk.pools.web.latency.decay", "500ms");
    }

    @Test
    void theDefaultAlgorithmSendsASlowBackendUnderFivePercentAndGivesItsShareBackWhenItIsFastAgain() {
        try (RunningGateway gateway = RunningGateway.start(pool(3))) {
            assertThat(gateway.context().getBean(BackendPools.class).get("web").algorithmName())
                    .isEqualTo("least-latency");
            TestBackend slow = backends.get(0);
            share(gateway, slow, 300);

            slow.delay(SLOW);
            long slowSince = System.nanoTime();
            double whileSlow = share(gateway, slow, 1_000);
            assertThat(Duration.ofNanos(System.nanoTime() - slowSince)).isLessThan(Duration.ofSeconds(10));
            assertThat(whileSlow).as("share of the slow backend from the moment it turned slow").isLessThan(0.05);

            slow.delay(Duration.ZERO);
            assertThat(secondsUntilShareReaches(gateway, slow, 0.2, Duration.ofSeconds(10)))
                    .as("seconds until a fair share again").isLessThan(10);
        }
    }

    @Test
    void roundRobinEjectsABackendThatStaysSlowAndTakesItBackThroughSlowStartWhenItIsFast() {
        GatewaySettings settings = slowEjection(pool(3).set("frontdesk.pools.web.algorithm", "round-robin"))
                .set("frontdesk.pools.web.slow-start", "1s");
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            Backend state = gateway.context().getBean(BackendPools.class).get("web").backends().get(0);
            TestBackend slow = backends.get(0);
            slow.delay(SLOW);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (state.ejectionReason(System.nanoTime()) != EjectionReason.SLOW && System.nanoTime() < deadline) {
                share(gateway, slow, 40);
            }
            assertThat(state.ejectionReason(System.nanoTime())).isEqualTo(EjectionReason.SLOW);
            assertThat(gateway.getManagement("/actuator/backends/web").body())
                    .contains("\"id\":\"" + state.id() + "\"", "\"ejectionReason\":\"slow\"",
                            "\"latencyMillis\":");
            assertThat(gateway.getManagement("/actuator/prometheus").body())
                    .contains("frontdesk_backend_ejected{backend=\"" + state.id() + "\",pool=\"web\",reason=\"slow\"} 1")
                    .contains("frontdesk_backend_ejections_total{backend=\"" + state.id()
                            + "\",pool=\"web\",reason=\"failures\"} 0");
            assertThat(share(gateway, slow, 30)).as("share while ejected").isZero();

            slow.delay(Duration.ZERO);
            assertThat(secondsUntilShareReaches(gateway, slow, 0.25, Duration.ofSeconds(15)))
                    .as("seconds until a fair share again").isLessThan(15);
            assertThat(state.ejections(EjectionReason.FAILURES)).isZero();
        }
    }

    @Test
    void aPoolWhoseBackendsAreAllEquallySlowEjectsNone() {
        GatewaySettings settings = slowEjection(pool(3).set("frontdesk.pools.web.algorithm", "round-robin"));
        backends.forEach(backend -> backend.delay(SLOW));
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofSeconds(3).toNanos()) {
                share(gateway, backends.get(0), 24);
            }
            assertThat(gateway.context().getBean(BackendPools.class).get("web").backends())
                    .allSatisfy(backend -> assertThat(backend.ejectionsTotal()).as(backend.id()).isZero());
        }
    }

    /**
     * Slow backend ejection judged over a second, at twice the median and from 100 ms (margins
     * that a machine busy with other work does not blur), for ejections of two seconds.
     */
    private static GatewaySettings slowEjection(GatewaySettings settings) {
        return settings.set("frontdesk.pools.web.outlier-detection.slow.window", "1s")
                .set("frontdesk.pools.web.outlier-detection.slow.factor", "2")
                .set("frontdesk.pools.web.outlier-detection.slow.min-latency", "100ms")
                .set("frontdesk.pools.web.outlier-detection.base-ejection-time", "2s")
                .set("frontdesk.pools.web.outlier-detection.max-ejection-time", "4s");
    }

    /** Share of {@code count} requests that {@code backend} answered. */
    private static double share(RunningGateway gateway, TestBackend backend, int count) {
        Load load = new Load().run(gateway.uri("/"), CONCURRENCY, count, () -> false);
        assertThat(load.failures()).isEmpty();
        return (double) load.answeredBy(backend.name()) / load.completed();
    }

    /** Runs rounds of load until {@code backend} answers at least {@code target} of a round. */
    static double secondsUntilShareReaches(RunningGateway gateway, TestBackend backend, double target,
            Duration deadline) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < deadline.toNanos()) {
            if (share(gateway, backend, 200) >= target) {
                return (System.nanoTime() - start) / 1e9;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
