package io.frontdesk.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.FrontdeskApplication;
import io.frontdesk.support.FreePort;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** The gateway as its own process: SIGTERM drains requests in flight; the access log reaches stdout. */
class GracefulShutdownTest {

    private final TestBackend backend = TestBackend.start("backend");
    private Process gateway;

    @AfterEach
    void cleanUp() {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly();
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
        int[] ports = FreePort.find(2);
        int port = ports[0];
        List<String> arguments = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                FrontdeskApplication.class.getName()));
        GatewaySettings settings = GatewaySettings.empty().pool("web", backend).route(Route.to("web"))
                .set("server.port", Integer.toString(port))
                .set("management.server.port", Integer.toString(ports[1]))
                .set("frontdesk.access-log.enabled", "true")
                .set("spring.lifecycle.timeout-per-shutdown-phase", "10s");
        if (tls) {
            settings = settings.set("server.ssl.enabled", "true").set("frontdesk.tls.http-port", "-1");
        }
        arguments.addAll(List.of(RunningGateway.arguments(settings)));
        Path log = Files.createTempFile("frontdesk-gateway", ".log");
        gateway = new ProcessBuilder(arguments).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("Started "));

        // HTTP/2 through curl: the JDK 17 client fails every stream on GOAWAY, even those the
        // server promises to finish, so it cannot tell a graceful shutdown from an abrupt one.
        Process curl = tls ? new ProcessBuilder("curl", "-sk", "--http2", "-H", "X-Request-Id: drain-check-1",
                "-w", "\n%{http_version} %{http_code}", "https://127.0.0.1:" + port + "/slow").start() : null;
        CompletableFuture<HttpResponse<String>> inFlight = tls ? null : HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                        .header("X-Request-Id", "drain-check-1").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests() == 1);

        gateway.destroy();

        if (tls) {
            assertThat(curl.waitFor(20, TimeUnit.SECONDS)).as("curl finished").isTrue();
            assertThat(new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("backend\n2 200");
        } else {
            HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("backend");
        }
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("process exited").isTrue();
        List<String> output = Files.readAllLines(log);
        Files.delete(log);
        assertThat(output).anySatisfy(line -> assertThat(line)
                .startsWith("{\"time\":\"")
                .contains("\"client\":\"127.0.0.1\"", "\"method\":\"GET\"", "\"path\":\"/slow\"", "\"status\":200",
                        "\"bytes\":7", "\"route\":\"web\"", "\"backend\":\"127.0.0.1:" + backend.port() + "\"",
                        "\"request_id\":\"drain-check-1\"", "\"duration_ms\":"));
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
