package io.frontdesk.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawOrigin;
import io.frontdesk.support.RunningGateway;

/** The backend read timeout, kept per pooled connection: {@code frontdesk.upstream.read-timeout} of 1 s. */
class ResponseSilenceTest {

    @AutoClose
    private static final RawOrigin origin = RawOrigin.start();
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("raw", origin.url())
            .route(Route.to("raw").path("/raw/**"))
            .set("frontdesk.upstream.read-timeout", "1s"));

    @Test
    void eachResponseOnAPooledConnectionGetsTheWholeReadTimeoutFromItsOwnRequest() throws IOException {
        origin.reply("/raw/slow", (out, in) -> {
            LockSupport.parkNanos(Duration.ofMillis(700).toNanos());
            RawOrigin.write(out, RawOrigin.wellFormed("/raw/slow"));
            return true;
        });
        int connectionsBefore = origin.connectionsAccepted();
        try (ClientConnection client = new ClientConnection(gateway.port())) {
            assertThat(client.get("/raw/quick").status()).isEqualTo(200);
            // The first request's silence would run out 1 s after it was sent; the second is sent well into that second.
            LockSupport.parkNanos(Duration.ofMillis(600).toNanos());
            ClientConnection.Response slow = client.get("/raw/slow");
            assertThat(slow.status()).as("answered 700 ms after its own request").isEqualTo(200);
            assertThat(slow.body()).isEqualTo("/raw/slow");
        }
        assertThat(origin.connectionsAccepted() - connectionsBefore).as("both over one pooled connection").isEqualTo(1);
    }

    /** A body of more than 16 KiB streams to the client as it arrives, so its head has gone out. */
    @Test
    void aBackendThatGoesSilentInTheMiddleOfAStreamedBodyIsCutOffAfterTheReadTimeout() throws Exception {
        CompletableFuture<Duration> silentFor = stallsAfter("/raw/stalls", "Content-Length: 100000");
        try (ClientConnection client = new ClientConnection(gateway.port())) {
            ClientConnection.Response cut = client.get("/raw/stalls");
            assertThat(cut.status()).isEqualTo(200);
            assertThat(cut.complete()).as("the client's response ends short").isFalse();
        }
        closedAfterTheReadTimeout(silentFor);
    }

    /** A body of up to 16 KiB is read whole before its head goes out: the client can be told. */
    @Test
    void aBackendThatGoesSilentInTheMiddleOfASmallBodyIsAGatewayTimeout() throws Exception {
        CompletableFuture<Duration> silentFor = stallsAfter("/raw/stalls-small", "Content-Length: 100");
        try (ClientConnection client = new ClientConnection(gateway.port())) {
            ClientConnection.Response timedOut = client.get("/raw/stalls-small");
            assertThat(timedOut.status()).isEqualTo(504);
            assertThat(timedOut.complete()).isTrue();
        }
        closedAfterTheReadTimeout(silentFor);
    }

    private static void closedAfterTheReadTimeout(CompletableFuture<Duration> silentFor) throws Exception {
        assertThat(silentFor.get(10, TimeUnit.SECONDS)).as("the gateway closed the backend connection after the read timeout")
                .isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
    }

    /** The backend sends a head with this length field and 10 bytes of body, then nothing; completes once the gateway closes. */
    private static CompletableFuture<Duration> stallsAfter(String path, String length) {
        CompletableFuture<Duration> silentFor = new CompletableFuture<>();
        origin.reply(path, (out, in) -> {
            RawOrigin.write(out, "HTTP/1.1 200 OK\r\n" + length + "\r\n\r\n0123456789");
            long start = System.nanoTime();
            if (RawOrigin.closedByPeer(in)) {
                silentFor.complete(Duration.ofNanos(System.nanoTime() - start));
            }
            return false;
        });
        return silentFor;
    }
}
