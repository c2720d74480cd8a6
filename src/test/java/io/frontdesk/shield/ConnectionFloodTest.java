package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.GatewayProcess;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.TestBackend;

/**
 * A flood of polite keep-alive connections (each sends one request, then waits) from three
 * addresses, against a gateway in a process of its own whose file-descriptor limit is 1024 and
 * whose connection settings are the defaults: max-total is (1024 - 320) / 2 = 352, and each
 * address stays under the 256 allowed per client.
 */
class ConnectionFloodTest {

    private static final int DESCRIPTORS = 1024;
    private static final int MAX_TOTAL = 352;
    private static final List<String> FLOODERS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    private static final int PER_FLOODER = 150;

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final GatewayProcess gateway = GatewayProcess.start(GatewaySettings.empty()
            .pool("web", backend).route(Route.to("web")), DESCRIPTORS);

    @Test
    void aFloodFromThreeAddressesShutsOutNeitherAFourthClientNorTheProbes() throws Exception {
        assertThat(gateway.output()).as("the start-up log says how max-total came about").anyMatch(line -> line
                .contains("Connections: max-total 352 = (1024 file descriptors - 320 reserved) / 2"));
        int linesBefore = gateway.output().size();
        List<ClientConnection> flood = new ArrayList<>();
        try {
            int answered = 0;
            for (int i = 0; i < PER_FLOODER; i++) {
                for (String address : FLOODERS) {
                    ClientConnection connection = new ClientConnection(address, gateway.port());
                    flood.add(connection);
                    answered += answered(connection);
                }
            }
            assertThat(answered).as("flood connections served, past max-total").isGreaterThan(MAX_TOTAL);
            assertThat(metric("frontdesk_connections_open\\{listener=\"public\"}")).as("held at once")
                    .isLessThanOrEqualTo(MAX_TOTAL);

            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                try (ClientConnection fourth = new ClientConnection("127.0.0.5", gateway.port())) {
                    assertThat(fourth.get("/web/fourth").status()).as("a fourth client is served").isEqualTo(200);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("within a second")
                        .isLessThan(Duration.ofSeconds(1));
                assertThat(gateway.send(HttpRequest.newBuilder(gateway.managementUri("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build()).statusCode()).as("the health probe").isEqualTo(200);
            }
        } finally {
            for (ClientConnection connection : flood) {
                connection.close();
            }
        }
        // Near max-total to make room, or (the longer the flood takes) idle past the pressure idle timeout.
        assertThat(metric("frontdesk_connections_reclaimed_total\\{reason=\"total\"}")
                + metric("frontdesk_connections_reclaimed_total\\{reason=\"pressure\"}"))
                .as("idle connections reclaimed").isGreaterThanOrEqualTo(FLOODERS.size() * PER_FLOODER - MAX_TOTAL);
        assertThat(metric("frontdesk_connections_refused_total\\{bound=\"total\"}"))
                .as("nobody refused: there was always an idle connection to reclaim").isZero();
        List<String> logged = gateway.output().subList(linesBefore, gateway.output().size()).stream()
                .filter(line -> !line.startsWith("{")).toList();
        assertThat(logged).as("besides the access log, one warning for the whole flood")
                .filteredOn(line -> line.contains("Connection flood:")).hasSize(1);
        assertThat(logged).as("and nothing per connection").hasSizeLessThan(10);
    }

    /** 1 when the connection's one request is answered; 0 when the gateway closed it first. */
    private static int answered(ClientConnection connection) {
        try {
            return connection.get("/web/flood").status() == 200 ? 1 : 0;
        } catch (UncheckedIOException closed) {
            return 0;
        }
    }

    private static double metric(String series) {
        String scrape = gateway.send(HttpRequest.newBuilder(gateway.managementUri("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).build()).body();
        Matcher value = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
        assertThat(value.find()).as("%s in the scrape", series).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
