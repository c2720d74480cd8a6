package io.frontdesk.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.OtlpReceiver;
import io.frontdesk.support.OtlpReceiver.ReceivedSpan;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traces through a real gateway, exported over OTLP to a receiver in the test: one trace per
 * exchange with a span per backend attempt, the context each backend received, the client's
 * trace continued only from a trusted address, trace ids in the access and audit logs, exemplars
 * on the latency histogram, and health checks and cache refreshes as traces of their own.
 */
class TracingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");
    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private static TestBackend closing;
    private static TestBackend answering;
    private static OtlpReceiver receiver;
    private static Path logs;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        closing = TestBackend.start("closing").mode(TestBackend.Mode.CLOSE_AFTER_READ);
        answering = TestBackend.start("answering")
                .responseHeader("Cache-Control", "max-age=0, stale-while-revalidate=60");
        receiver = OtlpReceiver.start();
        logs = Files.createTempDirectory("tracing-logs");
        gateway = RunningGateway.start(GatewaySettings.empty()
                .pool("web", closing, answering)
                .route(Route.to("web").path("/catalog/**"))
                .set("frontdesk.pools.web.outlier-detection.enabled", "false")
                .set("frontdesk.pools.web.algorithm", "round-robin")
                .pool("cached", answering)
                .set("frontdesk.pools.cached.health-check.enabled", "true")
                .set("frontdesk.pools.cached.health-check.path", "/health")
                .set("frontdesk.pools.cached.health-check.interval", "300ms")
                .route(Route.to("cached").path("/static/**").filter("Cache=site"))
                .set("frontdesk.cache.policies.site.default-ttl", "5m")
                .set("frontdesk.tracing.trusted-clients[0]", "127.0.0.1/32")
                .set("frontdesk.access-log.enabled", "true")
                .set("frontdesk.access-log.path", logs.resolve("access.log").toString())
                .set("frontdesk.waf.audit.mode", "all")
                .set("frontdesk.waf.audit.path", logs.resolve("audit.log").toString())
                .set("management.opentelemetry.tracing.export.otlp.endpoint", receiver.endpoint())
                .set("management.opentelemetry.tracing.export.schedule-delay", "50ms")
                .set("management.tracing.sampling.probability", "1.0"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
        closing.close();
        answering.close();
    }

    @Test
    void aRetriedRequestIsOneTraceWithASpanPerAttemptAndEachBackendGotItsAttemptsContext() {
        String requestId = "retried-" + System.nanoTime();
        HttpResponse<String> response = untilRetried(requestId);
        assertThat(response.body()).isEqualTo("answering");

        List<ReceivedSpan> trace = await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.trace(CLIENT_TRACE).stream().filter(span -> requestId.equals(
                        requestIdOfTrace(receiver.trace(CLIENT_TRACE), span))).toList(), spans -> spans.size() >= 3);
        ReceivedSpan server = trace.stream().filter(span -> span.kind().equals("SPAN_KIND_SERVER")).findFirst()
                .orElseThrow();
        assertThat(server.parentSpanId()).as("a trusted client's trace is continued").isEqualTo(CLIENT_SPAN);
        assertThat(server.attributes()).containsEntry("frontdesk.route", "web")
                .containsEntry("frontdesk.pool", "web")
                .containsEntry("frontdesk.backend", answering.url().replace("http://", ""))
                .containsEntry("http.response.status_code", 200L)
                .containsEntry("http.request.method", "GET")
                .containsEntry("frontdesk.waf.action", "pass")
                .containsEntry("frontdesk.waf.anomaly_score", 0L)
                .containsEntry("frontdesk.request_id", requestId);

        List<ReceivedSpan> attempts = trace.stream().filter(span -> span.kind().equals("SPAN_KIND_CLIENT"))
                .sorted(java.util.Comparator.comparing(span -> (Long) span.attribute("frontdesk.attempt"))).toList();
        assertThat(attempts).hasSize(2).allSatisfy(attempt -> assertThat(attempt.parentSpanId())
                .isEqualTo(server.spanId()));
        assertThat(attempts.get(0).attributes()).containsKey("error.type").doesNotContainKey("http.request.resend_count");
        assertThat(attempts.get(0).statusCode()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(attempts.get(1).attributes()).containsEntry("http.response.status_code", 200L)
                .containsEntry("http.request.resend_count", 1L)
                .containsEntry("server.port", (long) answering.port());

        assertThat(traceparent(lastReceived(closing, requestId)))
                .isEqualTo("00-" + CLIENT_TRACE + "-" + attempts.get(0).spanId() + "-01");
        assertThat(traceparent(lastReceived(answering, requestId)))
                .isEqualTo("00-" + CLIENT_TRACE + "-" + attempts.get(1).spanId() + "-01");
        assertThat(lastReceived(answering, requestId).header("tracestate")).isEqualTo("vendor=value");
    }

    @Test
    void anUntrustedClientsTraceContextIsNeitherContinuedNorPassedOn() throws IOException {
        String requestId = "untrusted-" + System.nanoTime();
        String head = "GET /static/untrusted HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: " + requestId
                + "\r\ntraceparent: 00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01\r\ntracestate: evil=1\r\n"
                + "Connection: close\r\n\r\n";
        assertThat(statusFrom("127.0.0.2", head)).isEqualTo(200);

        TestBackend.Received received = lastReceived(answering, requestId);
        Matcher sent = TRACEPARENT.matcher(traceparent(received));
        assertThat(sent.matches()).isTrue();
        assertThat(sent.group(1)).as("a trace of the gateway's own").isNotEqualTo(CLIENT_TRACE);
        assertThat(received.header("tracestate")).isNull();
        ReceivedSpan server = await().atMost(Duration.ofSeconds(10)).until(() -> receiver.trace(sent.group(1))
                .stream().filter(span -> span.kind().equals("SPAN_KIND_SERVER")).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(server.isRoot()).isTrue();
        assertThat(server.attributes()).containsEntry("frontdesk.request_id", requestId);
    }

    @Test
    void theTraceIdIsInTheAccessLogAndTheAuditLog() throws IOException {
        String requestId = "logged-" + System.nanoTime();
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/static/logged"))
                .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(10)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        String traceId = TRACEPARENT.matcher(traceparent(lastReceived(answering, requestId))).results()
                .map(match -> match.group(1)).findFirst().orElseThrow();

        JsonNode access = await().atMost(Duration.ofSeconds(5)).until(() -> line("access.log", requestId),
                Optional::isPresent).orElseThrow();
        assertThat(access.path("trace_id").asString()).isEqualTo(traceId);
        JsonNode audit = await().atMost(Duration.ofSeconds(5)).until(() -> line("audit.log", requestId),
                Optional::isPresent).orElseThrow();
        assertThat(audit.path("trace_id").asString()).isEqualTo(traceId);
    }

    @Test
    void theLatencyHistogramCarriesExemplarsOfExportedTraces() {
        for (int i = 0; i < 5; i++) {
            assertThat(gateway.get("/static/exemplar?" + i).statusCode()).isEqualTo(200);
        }
        Pattern exemplar = Pattern.compile("^frontdesk_requests_seconds_bucket\\{.*# \\{.*trace_id=\"([0-9a-f]{32})\"",
                Pattern.MULTILINE);
        List<String> traceIds = await().atMost(Duration.ofSeconds(10)).until(() -> exemplar.matcher(
                openMetrics()).results().map(match -> match.group(1)).distinct().toList(), ids -> !ids.isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(traceIds)
                .allSatisfy(id -> assertThat(receiver.trace(id)).as("exported trace " + id).isNotEmpty()));
    }

    @Test
    void healthChecksAreTracesOfTheirOwnAndTheBackendGetsTheirContext() {
        ReceivedSpan check = await().atMost(Duration.ofSeconds(10)).until(() -> receiver.spans().stream()
                .filter(span -> span.name().equals("health check")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(check.isRoot()).isTrue();
        assertThat(check.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(check.attributes()).containsEntry("frontdesk.pool", "cached")
                .containsEntry("http.response.status_code", 200L);
        assertThat(answering.healthCheckHeaders()).anySatisfy(headers -> assertThat(headers.get("traceparent"))
                .containsExactly("00-" + check.traceId() + "-" + check.spanId() + "-01"));
    }

    @Test
    void aBackgroundRefreshIsATraceOfItsOwnWithItsAttempt() {
        String path = "/static/refreshed-" + System.nanoTime();
        assertThat(gateway.get(path).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = gateway.get(path);
        assertThat(stale.headers().firstValue("Cache-Status").orElse("")).contains("hit");

        ReceivedSpan refresh = await().atMost(Duration.ofSeconds(10)).until(() -> receiver.spans().stream()
                .filter(span -> span.name().equals("cache refresh") && path.equals(span.attribute("url.path")))
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(refresh.isRoot()).isTrue();
        assertThat(refresh.attributes()).containsEntry("frontdesk.route", "cached");
        ReceivedSpan attempt = await().atMost(Duration.ofSeconds(10)).until(() -> receiver.trace(refresh.traceId())
                .stream().filter(span -> span.kind().equals("SPAN_KIND_CLIENT")).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(attempt.parentSpanId()).isEqualTo(refresh.spanId());
    }

    /** Round robin sends every other request to the closing backend first; this one was retried. */
    private static HttpResponse<String> untilRetried(String requestId) {
        for (int i = 0; i < 4; i++) {
            int closedBefore = closing.requests();
            HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/catalog/item"))
                    .header("X-Request-Id", requestId)
                    .header("traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01")
                    .header("tracestate", "vendor=value")
                    .timeout(Duration.ofSeconds(10)).build());
            assertThat(response.statusCode()).isEqualTo(200);
            if (closing.requests() > closedBefore) {
                return response;
            }
        }
        throw new AssertionError("no request went to the closing backend first");
    }

    private static String requestIdOfTrace(List<ReceivedSpan> trace, ReceivedSpan span) {
        String own = (String) span.attribute("frontdesk.request_id");
        if (own != null) {
            return own;
        }
        return trace.stream().filter(other -> other.spanId().equals(span.parentSpanId()))
                .map(parent -> (String) parent.attribute("frontdesk.request_id")).findFirst().orElse(null);
    }

    private static TestBackend.Received lastReceived(TestBackend backend, String requestId) {
        return backend.received().stream().filter(received -> requestId.equals(received.header("x-request-id")))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError(
                        backend.name() + " received no request " + requestId));
    }

    private static String traceparent(TestBackend.Received received) {
        return received.header("traceparent");
    }

    private static Optional<JsonNode> line(String file, String requestId) throws IOException {
        Path path = logs.resolve(file);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return Files.readAllLines(path).stream().map(JSON::readTree)
                .filter(line -> line.path("request_id").asString().equals(requestId)).findFirst();
    }

    private static String openMetrics() {
        return gateway.send(HttpRequest.newBuilder(gateway.managementUri("/actuator/prometheus"))
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                .timeout(Duration.ofSeconds(10)).build()).body();
    }

    /** Sends a request from another loopback address than the test's own, and returns the status. */
    private static int statusFrom(String localAddress, String head) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
