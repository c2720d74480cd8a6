package io.frontdesk.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;

/** Without an OTLP endpoint tracing is off: no trace ids, and trace headers pass through as sent. */
class TracingOffTest {

    @Test
    void withoutAnEndpointTheClientsTraceContextPassesThroughUntouched() throws IOException {
        Path accessLog = Files.createTempDirectory("tracing-off").resolve("access.log");
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (TestBackend backend = TestBackend.start("web")) {
            GatewaySettings settings = GatewaySettings.empty().pool("web", backend).route(Route.to("web"))
                    .set("frontdesk.access-log.enabled", "true")
                    .set("frontdesk.access-log.path", accessLog.toString());
            try (RunningGateway gateway = RunningGateway.start(settings)) {
                assertThat(gateway.context().getBean(Tracing.class).isOn()).isFalse();
                assertThat(gateway.send(HttpRequest.newBuilder(gateway.uri("/page"))
                        .header("traceparent", traceparent).header("tracestate", "vendor=value")
                        .header("X-Request-Id", "untraced").timeout(Duration.ofSeconds(10)).build()).statusCode())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(accessLog)
                        && Files.readString(accessLog).contains("\"request_id\":\"untraced\""));
            }
            assertThat(backend.received()).singleElement().satisfies(received -> {
                assertThat(received.header("traceparent")).isEqualTo(traceparent);
                assertThat(received.header("tracestate")).isEqualTo("vendor=value");
            });
        }
        assertThat(Files.readString(accessLog)).doesNotContain("trace_id");
    }
}
