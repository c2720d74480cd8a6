package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Load;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** How requests spread over real backends through a real gateway. */
class DistributionTest {

    private final List<TestBackend> backends = new ArrayList<>();

    @AfterEach
    void stopBackends() {
        backends.forEach(TestBackend::close);
    }

    private List<TestBackend> start(int count) {
        for (int i = 0; i < count; i++) {
            backends.add(TestBackend.start("b" + i));
        }
        return backends;
    }

    @Test
    void weightedPoolSplitsTwoThousandRequestsByWeight() {
        GatewaySettings settings = GatewaySettings.empty().pool("web", start(3)).route(Route.to("web"))
                .set("frontdesk.pools.web.algorithm", "weighted-round-robin")
                .set("frontdesk.pools.web.backends[2].weight", "2");
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            for (int i = 0; i < 2_000; i++) {
                assertThat(gateway.get("/item/" + i).statusCode()).isEqualTo(200);
            }
        }
        double[] expected = {0.25, 0.25, 0.5};
        for (int i = 0; i < 3; i++) {
            assertThat(backends.get(i).requests() / 2_000.0).as(backends.get(i).name())
                    .isCloseTo(expected[i], within(0.05 * expected[i]));
        }
    }

    @Test
    void roundRobinIsExact() {
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", start(3))
                .route(Route.to("web")).set("frontdesk.pools.web.algorithm", "round-robin"))) {
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                HttpResponse<String> response = gateway.get("/");
                order.add(response.headers().firstValue("X-Backend-Instance").orElseThrow());
            }
            for (int i = 3; i < order.size(); i++) {
                assertThat(order.get(i)).isEqualTo(order.get(i - 3));
            }
            assertThat(order.subList(0, 3)).containsExactlyInAnyOrder("b0", "b1", "b2");
        }
        assertThat(backends).allSatisfy(backend -> assertThat(backend.requests()).isEqualTo(100));
    }

    @Test
    void consistentHashingKeepsKeysInPlaceWhenOneOfTenBackendsLeaves() {
        GatewaySettings settings = GatewaySettings.empty().pool("web", start(10)).route(Route.to("web"))
                .set("frontdesk.pools.web.algorithm", "consistent-hash")
                .set("frontdesk.pools.web.hash-on", "header:X-User");
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            Map<String, String> before = backendsByUser(gateway, 400);
            TestBackend leaving = backends.get(4);
            leaving.stop();
            Backend leavingState = gateway.context().getBean(BackendPools.class).get("web").backends().get(4);
            for (int i = 0; leavingState.available(System.nanoTime()); i++) {
                assertThat(i).as("requests before the stopped backend is ejected").isLessThan(400);
                gateway.get("/", "X-User", "user-" + i);
            }
            Map<String, String> after = backendsByUser(gateway, 400);
            long kept = before.entrySet().stream().filter(entry -> !entry.getValue().equals(leaving.name()))
                    .filter(entry -> entry.getValue().equals(after.get(entry.getKey()))).count();
            long movable = before.values().stream().filter(name -> !name.equals(leaving.name())).count();
            assertThat((double) kept / movable).as("keys kept by the backends that stayed").isGreaterThanOrEqualTo(0.95);
            assertThat(after.values()).doesNotContain(leaving.name());
        }
    }

    private static Map<String, String> backendsByUser(RunningGateway gateway, int users) {
        Map<String, String> byUser = new java.util.HashMap<>();
        for (int i = 0; i < users; i++) {
            HttpResponse<String> response = gateway.get("/", "X-User", "user-" + i);
            assertThat(response.statusCode()).isEqualTo(200);
            byUser.put("user-" + i, response.headers().firstValue("X-Backend-Instance").orElseThrow());
        }
        return byUser;
    }

    @Test
    void leastRequestsSendsClearlyFewerRequestsToASlowBackend() {
        GatewaySettings settings = GatewaySettings.empty().pool("web", start(3)).route(Route.to("web"))
                .set("frontdesk.pools.web.algorithm", "least-requests");
        backends.get(0).delay(Duration.ofMillis(150));
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            Load load = new Load().run(gateway.uri("/"), 12, 900, () -> false);
            assertThat(load.failures()).isEmpty();
            int slow = load.answeredBy("b0");
            int fast = Math.min(load.answeredBy("b1"), load.answeredBy("b2"));
            assertThat(slow).as("requests to the slow backend, against %d to each fast one", fast)
                    .isLessThan(fast / 3);
        }
    }
}
