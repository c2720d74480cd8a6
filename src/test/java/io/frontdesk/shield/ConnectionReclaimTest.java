package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Http2Connection;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import io.frontdesk.tls.HttpRedirectServer;
import io.netty.handler.codec.http2.Http2Error;

/** Which idle connections make room, and when, with bounds set low. */
class ConnectionReclaimTest {

    private static final String PRESSURE_RECLAIMS = "frontdesk_connections_reclaimed_total\\{reason=\"pressure\"}";

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    /** Idle connections make room from 19 of them (95%); the pressure idle timeout never runs out. */
    @AutoClose
    private static final RunningGateway twenty = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend).route(Route.to("web"))
            .set("frontdesk.shield.connections.max-total", "20")
            .set("frontdesk.shield.connections.pressure-idle-timeout", "1h"));
    /** Under pressure from 8 connections, when idle ones close after a second; two management connections. */
    @AutoClose
    private static final RunningGateway ten = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend).route(Route.to("web"))
            .set("frontdesk.shield.connections.max-total", "10")
            .set("frontdesk.shield.connections.pressure-idle-timeout", "1s")
            .set("frontdesk.shield.connections.management-reserve", "2"));
    /** HTTPS with HTTP/2, a redirect listener, one connection per client. */
    @AutoClose
    private static final RunningGateway tls = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend).route(Route.to("web"))
            .set("server.ssl.enabled", "true")
            .set("frontdesk.tls.http-port", "0")
            .set("frontdesk.shield.connections.max-per-client", "1"));

    @Test
    void theClientHoldingTheMostLosesItsLongestIdleConnectionAndTheOthersKeepTheirs() throws IOException {
        List<ClientConnection> big = open(twenty, "127.0.0.2", 14);
        List<ClientConnection> small = open(twenty, "127.0.0.3", 5);
        try {
            try (ClientConnection fresh = new ClientConnection("127.0.0.4", twenty.port())) {
                assertThat(fresh.get("/web/fresh").status()).as("a fresh client gets in").isEqualTo(200);
            }
            assertThat(big.get(0).closedByGateway()).as("the biggest holder's longest-idle connection").isTrue();
            for (ClientConnection connection : big.subList(1, big.size())) {
                assertThat(connection.get("/web/again").status()).isEqualTo(200);
            }
            for (ClientConnection connection : small) {
                assertThat(connection.get("/web/again").status()).as("the smaller holder keeps all").isEqualTo(200);
            }
        } finally {
            closeAll(big);
            closeAll(small);
        }
        assertThat(metric(twenty, "frontdesk_connections_reclaimed_total\\{reason=\"total\"}")).isEqualTo(1);
        assertThat(metric(twenty, "frontdesk_connections_refused_total\\{bound=\"total\"}")).isZero();
    }

    @Test
    void underPressureTheLongestIdleConnectionsCloseAfterThePressureIdleTimeoutUntilThePressureEnds() throws IOException {
        List<ClientConnection> held = open(ten, "127.0.0.2", 8);
        try {
            assertThat(held.get(0).closedByGateway()).as("the longest idle closes after a second idle, not sixty")
                    .isTrue();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(closedNow(held))
                    .as("one closed for each pressure reclaim, the longest idle first")
                    .isEqualTo(IntStream.range(0, (int) metric(ten, PRESSURE_RECLAIMS)).boxed().toList()));
            List<Integer> closed = closedNow(held);
            for (ClientConnection connection : held.subList(closed.size(), held.size())) {
                assertThat(connection.get("/web/again").status()).as("below the mark the others stay").isEqualTo(200);
            }
        } finally {
            closeAll(held);
        }
    }

    @Test
    void theManagementPortMakesRoomForAProbePastItsReserve() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket("127.0.0.1", ten.managementPort());
                socket.setSoTimeout(10_000);
                idle.add(socket);
            }
            assertThat(ten.getManagement("/actuator/health").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    metric(ten, "frontdesk_connections_open\\{listener=\"management\"}"))
                    .as("the scrape's connection among them").isBetween(1.0, 2.0));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        assertThat(metric(ten, "frontdesk_connections_reclaimed_total\\{reason=\"management\"}"))
                .as("idle ones made room").isGreaterThanOrEqualTo(2);
        assertThat(metric(ten, "frontdesk_connections_refused_total\\{bound=\"management\"}")).isZero();
    }

    @Test
    void anIdleHttp2ConnectionThatMakesRoomGetsGoAwayFirst() {
        try (Http2Connection first = Http2Connection.open(tls)) {
            assertThat(first.get("/web/first").status()).isEqualTo(200);
            assertThat(tls.get("/web/second").statusCode()).as("a second connection from the same address")
                    .isEqualTo(200);
            assertThat(first.goAway()).isEqualTo(Http2Error.NO_ERROR);
        }
        assertThat(metric(tls, "frontdesk_connections_reclaimed_total\\{reason=\"per_client\"}")).isPositive();
    }

    @Test
    void theRedirectListenersConnectionsAreCountedAsItsOwn() throws IOException {
        int port = tls.context().getBean(HttpRedirectServer.class).port();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName("127.0.0.9"), 0)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> tls.getManagement("/actuator/prometheus").body()
                    .contains("frontdesk_connections_open{listener=\"redirect\"} 1.0"));
        }
    }

    /** Connections from one address, each answered once and idle since. */
    private static List<ClientConnection> open(RunningGateway gateway, String from, int count) {
        List<ClientConnection> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ClientConnection connection = new ClientConnection(from, gateway.port());
            connections.add(connection);
            assertThat(connection.get("/web/hold").status()).isEqualTo(200);
        }
        return connections;
    }

    /** The positions of the connections the gateway has closed by now. */
    private static List<Integer> closedNow(List<ClientConnection> connections) {
        List<Integer> closed = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            if (connections.get(i).closedByGatewayWithin(Duration.ofMillis(50))) {
                closed.add(i);
            }
        }
        return closed;
    }

    private static void closeAll(List<ClientConnection> connections) throws IOException {
        for (ClientConnection connection : connections) {
            connection.close();
        }
    }

    private static double metric(RunningGateway gateway, String series) {
        Matcher value = Pattern.compile("(?m)^" + series + " (\\S+)$")
                .matcher(gateway.getManagement("/actuator/prometheus").body());
        assertThat(value.find()).as("%s in the scrape", series).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
