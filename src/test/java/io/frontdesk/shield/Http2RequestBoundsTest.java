package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Http2Connection;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import io.netty.handler.codec.http2.Http2Error;

/** The HTTP/2 codec's own protections: a header block it cannot buffer, a rapid reset flood. */
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
