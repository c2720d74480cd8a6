package io.frontdesk.edge;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.GatewayProcess;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.TestBackend;

/**
 * How many event loops serve connections: one per CPU and at least four unless
 * {@code frontdesk.edge.event-loops} says otherwise. Each gateway runs in a process of its own,
 * since the number is fixed once per JVM.
 */
class EventLoopsTest {

    /** Enough connections to reach every loop at least twice, the loops taking channels in turn. */
    private static final int CONNECTIONS = 2 * Math.max(Runtime.getRuntime().availableProcessors(),
            EventLoopCount.MINIMUM_BY_DEFAULT);

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");

    @Test
    void oneEventLoopPerCpuAndAtLeastFourByDefault() throws IOException {
        try (GatewayProcess gateway = GatewayProcess.start(settings())) {
            assertThat(eventLoopsServing(gateway))
                    .hasSize(Math.max(Runtime.getRuntime().availableProcessors(), EventLoopCount.MINIMUM_BY_DEFAULT));
        }
    }

    @Test
    void asManyEventLoopsAsConfigured() throws IOException {
        try (GatewayProcess gateway = GatewayProcess.start(settings().set("frontdesk.edge.event-loops", "3"))) {
            assertThat(eventLoopsServing(gateway)).hasSize(3);
        }
    }

    private static GatewaySettings settings() {
        return GatewaySettings.empty().pool("web", backend).route(Route.to("web"));
    }

    /** The names of the event loop threads once connections have reached all of them. */
    private static Set<String> eventLoopsServing(GatewayProcess gateway) throws IOException {
        List<ClientConnection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                ClientConnection connection = new ClientConnection(gateway.port());
                connections.add(connection);
                assertThat(connection.get("/web/loop").status()).isEqualTo(200);
            }
            return gateway.threadNames().stream().filter(name -> name.matches("reactor-http-(epoll|nio|kqueue)-\\d+"))
                    .collect(toSet());
        } finally {
            for (ClientConnection connection : connections) {
                connection.close();
            }
        }
    }
}
