package io.frontdesk.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;

/** Compression over HTTP/2 (by ALPN, with the embedded certificate), where the body is framed by DATA frames. */
class CompressionOverHttp2Test {

    @AutoClose
    private static final TextOrigin origin = new TextOrigin();
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
            .pool("web", origin.url()).route(Route.to("web"))
            .set("server.ssl.enabled", "true").set("frontdesk.tls.http-port", "0"));

    @Test
    void responsesAreCompressedOverHttp2Too() throws IOException, InterruptedException {
        for (String coding : new String[] {"br", "gzip"}) {
            HttpResponse<byte[]> response = gateway.client().send(gateway.request("/page.html", "Accept-Encoding",
                    coding).GET().build(), BodyHandlers.ofByteArray());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            CompressionTest.assertCompressed(response, coding, TextOrigin.PAGE);
            assertThat(CompressionTest.header(response, "Transfer-Encoding")).isNull();
        }
    }
}
