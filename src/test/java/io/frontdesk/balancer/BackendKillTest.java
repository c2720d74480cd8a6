package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Load;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/**
 * A backend killed under load, as a crashed process: it stops listening and every connection to
 * it closes at once, pooled keep-alive connections included. Requests the gateway had not written
 * to it go to the other backends, and with the default retry budget the clients see no error.
 */
class BackendKillTest {

    @AutoClose
    private final TestBackend first = TestBackend.start("b0");
    @AutoClose
    private final TestBackend killed = TestBackend.start("b1");
    @AutoClose
    private final TestBackend third = TestBackend.start("b2");

    @Test
    void killingOneOfThreeBackendsUnderLoadFailsNoClientRequest() {
        GatewaySettings settings = GatewaySettings.empty().pool("web", List.of(first, killed, third))
                .route(Route.to("web"));
        try (RunningGateway gateway = RunningGateway.start(settings)) {
            AtomicBoolean stop = new AtomicBoolean();
            Load load = new Load();
            CompletableFuture<Load> running = CompletableFuture.supplyAsync(
                    () -> load.run(gateway.uri("/"), 16, 60_000, stop::get));
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> killed.requests() >= 500);
                killed.kill();
                int completedAtKill = load.completed();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.completed() >= completedAtKill + 3_000);
            } finally {
                stop.set(true);
                running.join();
            }
            assertThat(load.failures()).as("5xx answers and connection errors").isEmpty();
            assertThat(gateway.context().getBean(BackendPools.class).get("web").retries())
                    .as("attempts the kill made fail, sent to another backend").isPositive();
        }
    }
}
