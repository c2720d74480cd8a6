package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Http2Connection;
import io.frontdesk.support.Http2Connection.Answer;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** The body timeout over HTTP/2: a stream whose body stalls is ended, and the connection carries on. */
class Http2SlowBodyTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend)
            .route(Route.to("web").path("/web/**"))
            .set("server.ssl.enabled", "true")
            .set("frontdesk.tls.http-port", "0")
            .set("frontdesk.shield.request.body-timeout", "1s"));

    @Test
    void aStreamWhoseBodyStallsIsEndedAfterTheBodyTimeoutAndTheOthersCarryOn() throws Exception {
        try (Http2Connection connection = Http2Connection.open(gateway)) {
            long sent = System.nanoTime();
            CompletableFuture<Answer> stalled = connection.postStalling("/web/stalled", "0123456789");
            CompletableFuture<Object> ended = stalled.handle((answer, failure) -> answer != null ? answer : failure);
            Object outcome = ended.get(10, TimeUnit.SECONDS);
            Duration waited = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(outcome).as("reset, or answered with a timeout or failure status").satisfiesAnyOf(
                    result -> assertThat(result).isInstanceOf(Throwable.class),
                    result -> assertThat(((Answer) result).status()).isIn(408, 502, 504));
            assertThat(waited).as("ended a body timeout after the last bytes came").isBetween(Duration.ofMillis(950),
                    Duration.ofSeconds(5));
            assertThat(connection.get("/web/after").status()).as("the connection carries on").isEqualTo(200);
        }
        assertThat(backend.received()).extracting(TestBackend.Received::uri).doesNotContain("/web/stalled");
    }
}
