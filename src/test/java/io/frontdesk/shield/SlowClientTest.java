package io.frontdesk.shield;

import static io.frontdesk.shield.RequestBoundsTest.readAll;
import static io.frontdesk.shield.RequestBoundsTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Clients that are slow on purpose, against one-second timeouts. */
class SlowClientTest {

    private static TestBackend backend;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        backend = TestBackend.start("web");
        Map<String, String> settings = RunningGateway.poolWithRoute("web", List.of(backend));
        settings.put("frontdesk.shield.request.body-timeout", "1s");
        settings.put("frontdesk.shield.connections.idle-timeout", "1s");
        gateway = RunningGateway.start(settings);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

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
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /web/ HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = readAll(socket.getInputStream());
            assertThat(statusOf(answer)).as("answered, then closed when idle").isEqualTo(200);
        }
    }

}
