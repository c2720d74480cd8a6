package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawHttp;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Request-targets with bytes a URI may not hold are passed on percent-encoded, not refused; CONNECT is. */
class RequestTargetEscapingTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend).route(Route.to("web")).set("frontdesk.waf.mode", "off"));

    @Test
    void bytesAUriMayNotHoldAreEncodedAndTheRestLeftAlone() {
        assertThat(RequestTargetEscaping.escaped("/a?q=\"x\"&r=<b>|{c}")).isEqualTo("/a?q=%22x%22&r=%3Cb%3E%7C%7Bc%7D");
        assertThat(RequestTargetEscaping.escaped("/a\\b^`[]#")).isEqualTo("/a%5Cb%5E%60%5B%5D%23");
        assertThat(RequestTargetEscaping.escaped("/%zz/%4/%41%e9")).isEqualTo("/%25zz/%254/%41%e9");
        assertThat(RequestTargetEscaping.escaped("/caf\u00e9\u0001")).isEqualTo("/caf%E9%01");
        assertThat(RequestTargetEscaping.escaped("/plain/path?x=1&y=a+b%20c")).isEqualTo("/plain/path?x=1&y=a+b%20c");
    }

    @Test
    void connectIsRefusedAndLeavesNoBackendConnectionInTunnelMode() {
        RawHttp.Response refused = RawHttp.exchange(gateway.port(), "CONNECT 1.2.3.4:80 HTTP/1.1\r\nHost: localhost");
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Allow")).contains("GET");
        for (int i = 0; i < 4; i++) {
            assertThat(gateway.get("/after-connect").statusCode()).isEqualTo(200);
        }
        assertThat(backend.received()).extracting(TestBackend.Received::method).doesNotContain("CONNECT");
    }

    @Test
    void aRequestWithSuchATargetReachesTheBackendEncoded() {
        RawHttp.Response response = RawHttp.exchange(gateway.port(), "GET /search?q=\"quoted\"&p=%zz HTTP/1.1\r\nHost: localhost");
        assertThat(response.status()).isEqualTo(200);
        assertThat(backend.received()).extracting(TestBackend.Received::uri)
                .contains("/search?q=%22quoted%22&p=%25zz");
    }
}
