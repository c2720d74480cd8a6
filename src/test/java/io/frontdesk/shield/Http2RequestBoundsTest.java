package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Http2Connection;
import io.frontdesk.support.Http2Connection.Answer;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import io.netty.handler.codec.http2.Http2Error;

/**
 * The request bounds over HTTP/2, with their defaults (8 KB request line, 16 KB of header fields):
 * a request over them is refused on its own stream, as HTTP/1.1 refuses it, and every other
 * stream of the connection carries on.
 */
class Http2RequestBoundsTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", backend)
            .route(Route.to("web").path("/web/**"))
            .set("server.ssl.enabled", "true")
            .set("frontdesk.tls.http-port", "0"));

    @BeforeEach
    void forget() {
        backend.resetCounts();
    }

    @Test
    void anOversizedHeadIsRefusedOnItsStreamAndTheConnectionCarriesOn() {
        try (Http2Connection connection = Http2Connection.open(gateway)) {
            assertThat(connection.get("/web/before").status()).isEqualTo(200);

            Answer longPath = connection.get("/web/" + "a".repeat(20_000));
            assertThat(longPath.status()).as("a path longer than the request line bound").isEqualTo(414);
            Answer bigHeader = connection.get("/web/big", "x-big", "b".repeat(40_000));
            assertThat(bigHeader.status()).as("header fields over their bound").isEqualTo(431);
            assertThat(bigHeader.body()).contains("header fields");
            assertThat(connection.get("/web/bigger", "x-big", "b".repeat(100_000)).status())
                    .as("over the header list size advertised, the HTTP/2 codec's own refusal").isEqualTo(431);

            assertThat(connection.get("/web/after").status()).isEqualTo(200);
            assertThat(connection.goneAway()).as("no GOAWAY").isFalse();
            assertThat(connection.isOpen()).isTrue();
        }
        assertThat(backend.received()).extracting(TestBackend.Received::uri).containsExactly("/web/before",
                "/web/after");
    }

    @Test
    void theBoundsAreMeasuredToTheByteAsTheHeadsHttp11Form() {
        // "GET " + path + " HTTP/1.1" makes the 8 KB line; "host: localhost" and "x-big: " + value the 16 KB of fields.
        String longestPath = "/web/" + "a".repeat(8 * 1024 - "GET  HTTP/1.1".length() - "/web/".length());
        String largestValue = "b".repeat(16 * 1024 - "host: localhost".length() - "x-big: ".length());
        try (Http2Connection connection = Http2Connection.open(gateway)) {
            assertThat(connection.get(longestPath).status()).isEqualTo(200);
            assertThat(connection.get(longestPath + "a").status()).isEqualTo(414);
            assertThat(connection.get("/web/", "x-big", largestValue).status()).isEqualTo(200);
            assertThat(connection.get("/web/", "x-big", largestValue + "b").status()).isEqualTo(431);
        }
        assertThat(backend.requests()).isEqualTo(2);
    }

    @Test
    void aHeaderBlockFarBeyondTheBoundsEndsTheConnection() {
        try (Http2Connection connection = Http2Connection.open(gateway)) {
            assertThatThrownBy(() -> connection.get("/web/huge", "x-huge", "h".repeat(1_000_000)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(connection.goAway()).as("an HPACK block is never skipped: it is read whole or not at all")
                    .isEqualTo(Http2Error.PROTOCOL_ERROR);
        }
        assertThat(backend.requests()).isZero();
    }

    @Test
    void aRapidResetFloodEndsTheConnectionWithEnhanceYourCalm() {
        try (Http2Connection flood = Http2Connection.open(gateway)) {
            flood.openAndResetStreams(300);
            assertThat(flood.goAway()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM);
        }
        try (Http2Connection next = Http2Connection.open(gateway)) {
            assertThat(next.get("/web/after-flood").status()).as("the listener serves other connections")
                    .isEqualTo(200);
        }
    }
}
