package io.frontdesk.shield;

import static io.frontdesk.shield.RequestBoundsTest.readAll;
import static io.frontdesk.shield.RequestBoundsTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** The listener behind an L4 load balancer: client addresses from PROXY protocol v1 and v2 headers. */
class ProxyProtocolTest {

    private static final String REQUEST = "GET /who HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend).route(Route.to("web"))
            .set("frontdesk.shield.connections.proxy-protocol", "on"));

    private static String send(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            return readAll(socket.getInputStream());
        }
    }

    private static String lastClientSeen() {
        List<TestBackend.Received> received = backend.received();
        return received.get(received.size() - 1).header("x-forwarded-for");
    }

    @Test
    void aVersionOneHeaderNamesTheClient() throws IOException {
        String answer = send(("PROXY TCP4 203.0.113.9 127.0.0.1 56324 443\r\n" + REQUEST)
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(statusOf(answer)).isEqualTo(200);
        assertThat(lastClientSeen()).isEqualTo("203.0.113.9");
    }

    @Test
    void aVersionTwoHeaderNamesTheClient() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        bytes.write(0x21);
        bytes.write(0x11);
        bytes.write(ByteBuffer.allocate(2).putShort((short) 12).array());
        bytes.write(InetAddress.getByName("198.51.100.23").getAddress());
        bytes.write(InetAddress.getByName("127.0.0.1").getAddress());
        bytes.write(ByteBuffer.allocate(4).putShort((short) 40000).putShort((short) 443).array());
        bytes.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
        assertThat(statusOf(send(bytes.toByteArray()))).isEqualTo(200);
        assertThat(lastClientSeen()).isEqualTo("198.51.100.23");
    }

    @Test
    void withoutTheHeaderNothingIsServed() throws IOException {
        int before = backend.requests();
        String answer = send(REQUEST.getBytes(StandardCharsets.US_ASCII));
        assertThat(answer).doesNotStartWith("HTTP/1.1 200");
        assertThat(backend.requests()).isEqualTo(before);
    }
}
