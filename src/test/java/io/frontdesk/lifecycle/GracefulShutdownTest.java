package io.frontdesk.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewayProcess;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.TestBackend;

/** The gateway as its own process: SIGTERM drains requests in flight; the access log reaches stdout. */
class GracefulShutdownTest {

    private final TestBackend backend = TestBackend.start("backend");
    private GatewayProcess gateway;

    @AfterEach
    void cleanUp() {
        if (gateway != null) {
            gateway.close();
        }
        backend.close();
    }

    @Test
    void requestInFlightAtSigtermCompletesAndIsLogged() throws Exception {
        drainsRequestInFlight(false);
    }

    @Test
    void http2RequestInFlightAtSigtermCompletesOverTls() throws Exception {
        drainsRequestInFlight(true);
    }

    private void drainsRequestInFlight(boolean tls) throws Exception {
        backend.delay(Duration.ofMillis(1500));
        GatewaySettings settings = GatewaySettings.empty().pool("web", backend).route(Route.to("web"))
                .set("spring.lifecycle.timeout-per-shutdown-phase", "10s");
        if (tls) {
            settings = settings.set("server.ssl.enabled", "true").set("frontdesk.tls.http-port", "-1");
        }
        gateway = GatewayProcess.start(settings);

        // HTTP/2 through curl: the JDK 17 client fails every stream on GOAWAY, even those the
        // server promises to finish, so it cannot tell a graceful shutdown from an abrupt one.
        Process curl = tls ? new ProcessBuilder("curl", "-sk", "--http2", "-H", "X-Request-Id: drain-check-1",
                "-w", "\n%{http_version} %{http_code}", "https://127.0.0.1:" + gateway.port() + "/slow").start() : null;
        CompletableFuture<HttpResponse<String>> inFlight = tls ? null : HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(gateway.uri("/slow"))
                        .header("X-Request-Id", "drain-check-1").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests() == 1);

        boolean exited = gateway.terminate(Duration.ofSeconds(30));

        if (tls) {
            assertThat(curl.waitFor(20, TimeUnit.SECONDS)).as("curl finished").isTrue();
            assertThat(new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("backend\n2 200");
        } else {
            HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("backend");
        }
        assertThat(exited).as("process exited").isTrue();
        assertThat(gateway.output()).anySatisfy(line -> assertThat(line)
                .startsWith("{\"time\":\"")
                .contains("\"client\":\"127.0.0.1\"", "\"method\":\"GET\"", "\"path\":\"/slow\"", "\"status\":200",
                        "\"bytes\":7", "\"route\":\"web\"", "\"backend\":\"127.0.0.1:" + backend.port() + "\"",
                        "\"request_id\":\"drain-check-1\"", "\"duration_ms\":"));
    }
}
