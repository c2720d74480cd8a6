package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Http2Connection;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Over HTTP/2 too, a request-target with bytes a URI may not hold is passed on percent-encoded, stream by stream. */
class Http2RequestTargetEscapingTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend).route(Route.to("web"))
            .set("frontdesk.waf.mode", "off")
            .set("server.ssl.enabled", "true")
            .set("frontdesk.tls.http-port", "0"));

    @Test
    void eachStreamsTargetReachesTheBackendEncoded() {
        try (Http2Connection connection = Http2Connection.open(gateway)) {
            for (int stream = 0; stream < 3; stream++) {
                assertThat(connection.get("/h2/" + stream + "?q=\"quoted\"|<b>").status()).isEqualTo(200);
            }
        }
        assertThat(backend.received()).extracting(TestBackend.Received::uri).containsExactly(
                "/h2/0?q=%22quoted%22%7C%3Cb%3E", "/h2/1?q=%22quoted%22%7C%3Cb%3E", "/h2/2?q=%22quoted%22%7C%3Cb%3E");
    }
}
