package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Http2Connection;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import io.netty.handler.codec.http2.Http2Error;

/** The keep-alive idle timeout over HTTP/2: a connection with nothing to say is closed, with GOAWAY first. */
class Http2IdleTimeoutTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend)
            .route(Route.to("web").path("/web/**"))
            .set("server.ssl.enabled", "true")
            .set("frontdesk.tls.http-port", "0")
            .set("frontdesk.shield.connections.idle-timeout", "2s"));

    @Test
    void anIdleHttp2ConnectionIsClosedWithGoAwayAfterTheIdleTimeout() {
        try (Http2Connection connection = Http2Connection.open(gateway)) {
            assertThat(connection.get("/web/first").status()).isEqualTo(200);
            long answered = System.nanoTime();
            assertThat(connection.get("/web/second").status()).as("the connection kept alive").isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> !connection.isOpen());

            assertThat(Duration.ofNanos(System.nanoTime() - answered)).as("closed an idle timeout after its last stream")
                    .isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(6));
            assertThat(connection.goAway()).isEqualTo(Http2Error.NO_ERROR);
        }
    }
}
