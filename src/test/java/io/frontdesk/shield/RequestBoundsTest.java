package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.RawHttp;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Oversized and slow requests, and too many connections, against a real backend that counts what it gets. */
class RequestBoundsTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend)
            .route(Route.to("web").path("/web/**"))
            .route(Route.to("web").id("uploads").path("/uploads/**").metadata("max-body-size", "4KB"))
            .set("frontdesk.shield.request.max-line-length", "1KB")
            .set("frontdesk.shield.request.max-header-size", "1KB")
            .set("frontdesk.shield.request.max-headers", "20")
            .set("frontdesk.shield.request.max-body-size", "1KB")
            .set("frontdesk.shield.connections.max-per-client", "4"));

    @BeforeEach
    void forget() {
        backend.resetCounts();
    }

    private static RawHttp.Response raw(String head) {
        return RawHttp.exchange(gateway.port(), head);
    }

    @Test
    void aTooLongRequestLineGets414() {
        assertThat(raw("GET /web/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x").status()).isEqualTo(414);
        assertThat(backend.requests()).isZero();
    }

    @Test
    void tooLargeOrTooManyHeaderFieldsGet431() {
        assertThat(raw("GET /web/ HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)).status()).isEqualTo(431);
        StringBuilder many = new StringBuilder("GET /web/ HTTP/1.1\r\nHost: x");
        for (int i = 0; i < 15; i++) {
            many.append("\r\nX-Field-").append(i).append(": v");
        }
        // a name repeated counts once per field
        many.append("\r\nX-Same: v".repeat(15));
        RawHttp.Response tooMany = raw(many.toString());
        assertThat(tooMany.status()).isEqualTo(431);
        assertThat(tooMany.body()).contains("32 header fields");
        assertThat(backend.requests()).isZero();
        assertThat(raw("GET /web/ HTTP/1.1\r\nHost: x").status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheRoutesBoundGets413DeclaredOrStreamed() throws IOException {
        String declared = exchange("POST /web/form HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n"
                + "d".repeat(2000));
        assertThat(statusOf(declared)).isEqualTo(413);
        assertThat(backend.requests()).as("refused on its Content-Length").isZero();

        String chunk = Integer.toHexString(700) + "\r\n" + "c".repeat(700) + "\r\n";
        String streamed = exchange("POST /web/stream HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk.repeat(100) + "0\r\n\r\n");
        assertThat(statusOf(streamed)).isEqualTo(413);
        assertThat(backend.received()).as("no complete request reached the backend").isEmpty();

        String allowed = exchange("POST /uploads/file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Length: 3000\r\n\r\n" + "u".repeat(3000));
        assertThat(statusOf(allowed)).as("the route's own bound is 4KB").isEqualTo(200);
        assertThat(backend.received()).singleElement().satisfies(seen -> assertThat(seen.body()).hasSize(3000));
    }

    @Test
    void aConnectionPastTheBoundPerClientTakesThePlaceOfTheClientsLongestIdleOne() throws IOException {
        List<Socket> held = openFour();
        try {
            assertThat(statusOf(exchange("GET /web/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")))
                    .as("a fifth connection is served").isEqualTo(200);
            assertThat(readOrReset(held.get(0).getInputStream())).as("the first one, idle longest, is closed")
                    .isEqualTo(-1);
            OutputStream last = held.get(3).getOutputStream();
            last.write("GET /web/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(statusOf(readAll(held.get(3).getInputStream()))).as("the others stay").isEqualTo(200);
        } finally {
            closeAll(held);
        }
        assertThat(gateway.getManagement("/actuator/prometheus").body())
                .containsPattern("frontdesk_connections_reclaimed_total\\{reason=\"per_client\"} [1-9]");
    }

    @Test
    void aConnectionPastTheBoundPerClientIsClosedAtOnceWhenNoneOfTheClientsIsIdle() throws IOException {
        List<Socket> held = openFour();
        try {
            for (Socket socket : held) {
                socket.getOutputStream().write("GET /web/ HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.getManagement("/actuator/prometheus").body()
                    .contains("frontdesk_connections_idle{listener=\"public\"} 0.0"));
            try (Socket extra = new Socket("127.0.0.1", gateway.port())) {
                extra.setSoTimeout(10_000);
                assertThat(readOrReset(extra.getInputStream())).as("closed before any byte").isEqualTo(-1);
            }
            OutputStream first = held.get(0).getOutputStream();
            first.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(statusOf(readAll(held.get(0).getInputStream()))).isEqualTo(200);
        } finally {
            closeAll(held);
        }
        assertThat(gateway.getManagement("/actuator/prometheus").body())
                .containsPattern("frontdesk_connections_refused_total\\{bound=\"per_client\"} [1-9]");
    }

    /**
     * Four connections from 127.0.0.1, the bound, that have sent nothing yet, in the order the
     * gateway admitted them: each is counted before the next is opened, as connections accepted
     * together may be admitted on different event loops in either order.
     */
    private static List<Socket> openFour() throws IOException {
        List<Socket> held = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Socket socket = new Socket("127.0.0.1", gateway.port());
            socket.setSoTimeout(10_000);
            held.add(socket);
            String counted = "frontdesk_connections_open{listener=\"public\"} " + i + ".0";
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.getManagement("/actuator/prometheus").body()
                    .contains(counted));
        }
        return held;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    /** Sends the bytes on a new connection and reads until the server closes it. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            } catch (SocketException closedWhileSending) {
                // The gateway may answer and close before the whole body is sent; the answer is still there.
            }
            return readAll(socket.getInputStream());
        }
    }

    static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketException reset) {
            return "";
        }
    }

    static int statusOf(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }
}
