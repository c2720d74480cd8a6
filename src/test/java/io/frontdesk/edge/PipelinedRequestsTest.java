package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/**
 * A request that arrives on a kept-alive HTTP/1.1 connection while the one before it is still
 * being answered waits its turn, is answered, and the connection goes on reading the requests
 * after it: none is left unread.
 */
class PipelinedRequestsTest {

    @AutoClose
    private final TestBackend slow = TestBackend.start("slow").delay(Duration.ofMillis(100));
    @AutoClose
    private final TestBackend cached = TestBackend.start("cached").responseHeader("Cache-Control", "max-age=600");

    @Test
    void theRequestAfterAnEarlyOneIsRead() throws IOException {
        try (RunningGateway gateway = RunningGateway.start(settings());
                ClientConnection connection = new ClientConnection(gateway.port())) {
            assertThat(connection.get("/cached/page").status()).as("stored").isEqualTo(200);
            for (int round = 0; round < 5; round++) {
                connection.send("/slow/" + round);
                // Sent before the first is answered, and answered at once from the cache when its turn comes.
                connection.send("/cached/page");
                assertThat(connection.read().status()).isEqualTo(200);
                assertThat(connection.read().body()).isEqualTo("cached");
                ClientConnection.Response after = connection.get("/slow/after-" + round);
                assertThat(after.complete()).as("the request after them, round " + round).isTrue();
                assertThat(after.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void theManagementPortReadsTheRequestAfterAnEarlyOne() throws IOException {
        try (RunningGateway gateway = RunningGateway.start(settings());
                ClientConnection connection = new ClientConnection(gateway.managementPort())) {
            for (int round = 0; round < 20; round++) {
                connection.send("/actuator/health");
                connection.send("/nowhere");
                assertThat(connection.read().status()).isEqualTo(200);
                assertThat(connection.read().status()).isEqualTo(404);
                ClientConnection.Response after = connection.get("/actuator/health/liveness");
                assertThat(after.complete()).as("the request after them, round " + round).isTrue();
                assertThat(after.status()).isEqualTo(200);
            }
        }
    }

    private GatewaySettings settings() {
        return GatewaySettings.empty().pool("slow", slow).pool("cached", cached)
                .route(Route.to("slow").path("/slow/**"))
                .route(Route.to("cached").id("cached").path("/cached/**").filter("Cache=pages"))
                .set("frontdesk.cache.policies.pages.stale-if-error", "1m");
    }
}
