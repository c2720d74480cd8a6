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
 * to it go to the other backends whatever the retry budget, so no client sees an error for them.
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
            // A request the killed backend may have read (its connection closed after the write)
            // is retried only within the retry budget, as it may have been served; every other
            // failure would be a request that never reached it, which must never fail.
            assertThat(load.failures()).as("5xx answers and connection errors, but for requests the backend"
                    + " may have read").allMatch(failure -> failure.startsWith("502 ")
                            && failure.contains("closed the connection before it answered"));
            assertThat(gateway.context().getBean(BackendPools.class).get("web").retries())
                    .as("attempts the kill made fail, sent to another backend").isPositive();
        }
    }
}
