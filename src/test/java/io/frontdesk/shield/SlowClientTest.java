package io.frontdesk.shield;

import static io.frontdesk.shield.RequestBoundsTest.readAll;
import static io.frontdesk.shield.RequestBoundsTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Clients that are slow on purpose, against short timeouts. */
class SlowClientTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend).route(Route.to("web"))
            .set("frontdesk.shield.request.body-timeout", "1s")
            .set("frontdesk.shield.connections.idle-timeout", "3s")
            .set("frontdesk.shield.request.head-timeout", "1s"));

    @Test
    void aBodyThatStallsIsCutOffAfterTheBodyTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /web/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = readAll(socket.getInputStream());
            assertThat(answer).as("the connection ends without the body finished").satisfiesAnyOf(
                    text -> assertThat(text).isEmpty(), text -> assertThat(statusOf(text)).isIn(408, 502, 504));
        }
        assertThat(backend.received()).noneMatch(seen -> seen.uri().equals("/web/slow"));
    }

    @Test
    void aBodyThatKeepsComingIsReadWholeHoweverLongItTakesInAll() throws IOException {
        try (ClientConnection connection = new ClientConnection(gateway.port())) {
            connection.write("POST /web/trickle HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n");
            // Five parts 400 ms apart: 2 s in all, twice the body timeout, never 1 s without a byte.
            for (int part = 0; part < 5; part++) {
                LockSupport.parkNanos(Duration.ofMillis(400).toNanos());
                connection.write("0123456789");
            }
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(backend.received()).filteredOn(seen -> seen.uri().equals("/web/trickle"))
                .extracting(TestBackend.Received::body).containsExactly("0123456789".repeat(5));
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (ClientConnection connection = new ClientConnection(gateway.port())) {
            assertThat(connection.get("/web/first").status()).isEqualTo(200);
            long answered = System.nanoTime();
            assertThat(connection.get("/web/second").status()).as("the connection kept alive").isEqualTo(200);
            assertThat(connection.closedByGateway()).as("closed by the gateway").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).as("closed an idle timeout after its last answer")
                    .isBetween(Duration.ofMillis(2_900), Duration.ofSeconds(8));
        }
    }

    @Test
    void aConnectionThatNeverSendsARequestIsClosedAfterTheIdleTimeout() throws IOException {
        try (ClientConnection connection = new ClientConnection(gateway.port())) {
            long opened = System.nanoTime();
            assertThat(connection.closedByGateway()).as("closed by the gateway").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isBetween(Duration.ofMillis(2_900),
                    Duration.ofSeconds(8));
        }
    }

    @Test
    void eachHeadOnAKeepAliveConnectionGetsTheWholeHeadTimeoutFromItsFirstByte() throws IOException {
        try (ClientConnection connection = new ClientConnection(gateway.port())) {
            assertThat(connection.get("/web/first").status()).isEqualTo(200);
            // The first head's clock would run out 1 s after it began; the second begins well into that second.
            LockSupport.parkNanos(Duration.ofMillis(600).toNanos());
            long secondHeadBegan = System.nanoTime();
            connection.write("GET /web/second HTTP/1.1\r\nHost: x\r\n");
            ClientConnection.Response answer = connection.read();
            Duration waited = Duration.ofNanos(System.nanoTime() - secondHeadBegan);
            assertThat(answer.status()).as("the stalled head's answer").isEqualTo(408);
            assertThat(waited).as("cut off a whole head timeout after its own first byte, before the idle timeout")
                    .isBetween(Duration.ofMillis(950), Duration.ofSeconds(3));
        }
    }

    @Test
    void fiveHundredSlowlorisConnectionsNeitherBlockOthersNorOutliveTheHeadTimeout() throws Exception {
        List<Socket> attackers = new ArrayList<>();
        AtomicBoolean trickling = new AtomicBoolean(true);
        try {
            // From two addresses, each under the default bound of 256 connections per client.
            for (int i = 0; i < 500; i++) {
                Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), gateway.port(),
                        InetAddress.getByName("127.0.0." + (2 + i % 2)), 0);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /web/slow HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                attackers.add(socket);
            }
            Thread trickle = new Thread(() -> {
                // The attack itself: a header byte on every connection every 200 ms, for at most 10 s.
                for (int round = 0; round < 50 && trickling.get(); round++) {
                    for (Socket socket : attackers) {
                        try {
                            socket.getOutputStream().write('X');
                        } catch (IOException closed) {
                            // Cut off by the gateway, as it should be.
                        }
                    }
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            });
            trickle.start();

            for (int i = 0; i < 5; i++) {
                assertThat(gateway.get("/web/normal").statusCode()).as("a normal client is served").isEqualTo(200);
            }
            long start = System.nanoTime();
            for (Socket socket : attackers) {
                String answer = readAll(socket.getInputStream());
                assertThat(answer).as("408, or closed").satisfiesAnyOf(text -> assertThat(text).isEmpty(),
                        text -> assertThat(text).startsWith("HTTP/1.1 408"));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("all cut off near the 1 s head timeout, well before the 3 s idle timeout")
                    .isLessThan(Duration.ofSeconds(3));
            trickling.set(false);
            trickle.join();
        } finally {
            trickling.set(false);
            for (Socket socket : attackers) {
                socket.close();
            }
        }
        assertThat(backend.received()).noneMatch(seen -> seen.uri().equals("/web/slow"));
        assertThat(gateway.getManagement("/actuator/prometheus").body())
                .containsPattern("frontdesk_request_head_timeouts_total [1-9][0-9][0-9]");
    }
}
