package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawHttp;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** What crosses the gateway in each direction, checked on the wire. */
class HeaderHygieneTest {

    @AutoClose
    private final TestBackend backend = TestBackend.start("backend");

    private GatewaySettings site() {
        return GatewaySettings.empty().pool("web", backend).route(Route.to("web"));
    }

    @Test
    void spoofedForwardingHeadersFromAnUntrustedPeerAreReplaced() {
        try (RunningGateway gateway = RunningGateway.start(site())) {
            RawHttp.exchange(gateway.port(), "GET /page HTTP/1.1\r\nHost: shop.example\r\n"
                    + "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\n"
                    + "Forwarded: for=6.6.6.6\r\nX-Client-Cert-Subject: CN=admin");
        }
        TestBackend.Received seen = backend.received().get(0);
        assertThat(seen.header("X-Client-Cert-Subject")).as("identity only a verified certificate may set").isNull();
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.header("X-Forwarded-Host")).isEqualTo("shop.example");
        assertThat(seen.header("X-Forwarded-Port")).isEqualTo("80");
        assertThat(seen.header("Forwarded")).isEqualTo("for=127.0.0.1;host=\"shop.example\";proto=http");
    }

    @Test
    void aTrustedProxysChainIsExtended() {
        try (RunningGateway gateway = RunningGateway.start(site()
                .set("frontdesk.edge.trusted-proxies[0]", "127.0.0.0/8"))) {
            RawHttp.exchange(gateway.port(), "GET /page HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: shop.example\r\n"
                    + "X-Forwarded-Port: 443\r\nForwarded: for=203.0.113.7;proto=https");
        }
        TestBackend.Received seen = backend.received().get(0);
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.header("X-Forwarded-Host")).isEqualTo("shop.example");
        assertThat(seen.header("X-Forwarded-Port")).isEqualTo("443");
        assertThat(seen.header("Forwarded"))
                .isEqualTo("for=203.0.113.7;proto=https, for=127.0.0.1;host=\"shop.example\";proto=http");
    }

    @Test
    void theBackendIsNamedInItsHostHeaderUnlessTheRoutePreservesTheClients() {
        try (RunningGateway gateway = RunningGateway.start(GatewaySettings.empty().pool("web", backend)
                .route(Route.to("web").id("plain").path("/plain/**"))
                .route(Route.to("web").id("preserving").path("/kept/**").filter("PreserveHostHeader")))) {
            RawHttp.exchange(gateway.port(), "GET /plain/page HTTP/1.1\r\nHost: shop.example");
            RawHttp.exchange(gateway.port(), "GET /kept/page HTTP/1.1\r\nHost: shop.example");
        }
        assertThat(backend.received()).extracting(seen -> seen.header("Host"))
                .containsExactly(backend.url().substring("http://".length()), "shop.example");
    }

    @Test
    void hopByHopHeadersStopAtTheGatewayBothWays() {
        backend.responseHeader("Keep-Alive", "timeout=5").responseHeader("Server", "Apache/2.4.1")
                .responseHeader("X-Powered-By", "PHP/8.3").responseHeader("X-Request-Id", "backend-made")
                .responseHeader("X-Kept", "yes");
        RawHttp.Response response;
        try (RunningGateway gateway = RunningGateway.start(site())) {
            response = RawHttp.exchange(gateway.port(), "GET /page HTTP/1.1\r\nHost: shop.example\r\n"
                    + "Connection: X-Hop\r\nX-Hop: secret\r\nKeep-Alive: timeout=9\r\nProxy-Connection: keep-alive\r\n"
                    + "TE: gzip\r\nX-Kept: yes");
        }
        TestBackend.Received seen = backend.received().get(0);
        assertThat(seen.headers()).doesNotContainKeys("x-hop", "keep-alive", "proxy-connection", "te");
        assertThat(seen.header("X-Kept")).isEqualTo("yes");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Keep-Alive")).isNull();
        assertThat(response.header("Server")).isNull();
        assertThat(response.header("X-Powered-By")).isNull();
        assertThat(response.header("X-Kept")).isEqualTo("yes");
        assertThat(response.header("X-Request-Id")).isNotEqualTo("backend-made").isEqualTo(seen.header("X-Request-Id"));
    }

    @Test
    void hiddenResponseHeadersAreConfigurable() {
        backend.responseHeader("Server", "Apache/2.4.1").responseHeader("X-Internal", "node-7");
        RawHttp.Response response;
        try (RunningGateway gateway = RunningGateway.start(site()
                .set("frontdesk.edge.hide-response-headers[0]", "X-Internal"))) {
            response = RawHttp.exchange(gateway.port(), "GET / HTTP/1.1\r\nHost: shop.example");
        }
        assertThat(response.header("X-Internal")).isNull();
        assertThat(response.header("Server")).isEqualTo("Apache/2.4.1");
    }

    @Test
    void wellFormedRequestIdsTravelAndOthersAreReplaced() {
        RawHttp.Response kept;
        RawHttp.Response replaced;
        try (RunningGateway gateway = RunningGateway.start(site())) {
            kept = RawHttp.exchange(gateway.port(),
                    "GET / HTTP/1.1\r\nHost: a\r\nX-Request-Id: 0b6c1e9e-5d1f-4c1a-9a43-2f1d6f0e8a11");
            replaced = RawHttp.exchange(gateway.port(), "GET / HTTP/1.1\r\nHost: a\r\nX-Request-Id: bad id; drop");
        }
        assertThat(kept.header("X-Request-Id")).isEqualTo("0b6c1e9e-5d1f-4c1a-9a43-2f1d6f0e8a11");
        assertThat(backend.received().get(0).header("X-Request-Id")).isEqualTo("0b6c1e9e-5d1f-4c1a-9a43-2f1d6f0e8a11");
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f]{32}");
        assertThat(backend.received().get(1).header("X-Request-Id")).isEqualTo(replaced.header("X-Request-Id"));
    }
}
