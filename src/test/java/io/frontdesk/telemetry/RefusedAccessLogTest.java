package io.frontdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewayProcess;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawHttp;
import io.frontdesk.support.TestBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request Frontdesk turns away says which step refused it in its access log line
 * ({@code refused}), whether the head could not be read, its framing was ambiguous, a limit or
 * the WAF refused it, or its client is banned, which also names the ban's cause ({@code banned}).
 */
class RefusedAccessLogTest {

    private static final String TOKEN = "banned-log-token-for-the-tests";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestBackend backend;
    private static GatewayProcess gateway;

    /** A route limited to one request a minute before a route without limits; three offences ban for ten minutes. */
    @BeforeAll
    static void start() {
        backend = TestBackend.start("web");
        GatewaySettings settings = GatewaySettings.empty().pool("web", backend)
                .route(Route.to("web").id("limited").path("/limited/**").filter("RateLimit=strict"))
                .route(Route.to("web"))
                .set("frontdesk.shield.limits.strict.rate", "1/m")
                .set("frontdesk.shield.bans.after", "3")
                .set("frontdesk.shield.bans.duration", "10m")
                .set("frontdesk.edge.trusted-proxies[0]", "127.0.0.1/32")
                .set("frontdesk.management.token", TOKEN);
        gateway = GatewayProcess.start(settings);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    private static int get(String pathAndQuery, String client, String requestId) {
        HttpRequest request = HttpRequest.newBuilder(gateway.uri(pathAndQuery)).header("X-Forwarded-For", client)
                .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(10)).build();
        return gateway.send(request).statusCode();
    }

    private static JsonNode lineOf(String requestId) {
        return lineOf(gateway, requestId);
    }

    /** The request's access log line (the WAF's audit lines, on the same output, carry no duration). */
    private static JsonNode lineOf(GatewayProcess gateway, String requestId) {
        String marker = "\"request_id\":\"" + requestId + "\"";
        return await().atMost(Duration.ofSeconds(10)).until(() -> gateway.output().stream()
                .filter(line -> line.contains(marker) && line.contains("\"duration_ms\"")).findFirst(),
                Optional::isPresent).map(JSON::readTree).get();
    }

    @Test
    void aClientBannedForRateLimitRefusalsIsLoggedAsSo() {
        String client = "198.51.100.10";
        assertThat(get("/limited/", client, "limit-allowed")).isEqualTo(200);
        for (int i = 1; i <= 3; i++) {
            assertThat(get("/limited/", client, "limit-refused-" + i)).isEqualTo(429);
        }
        assertThat(get("/", client, "limit-banned")).isEqualTo(403);

        JsonNode banned = lineOf("limit-banned");
        assertThat(banned.path("status").asInt()).isEqualTo(403);
        assertThat(banned.path("banned").asString()).isEqualTo("rate_limit");
        assertThat(banned.path("refused").asString()).isEqualTo("ban");
        assertThat(lineOf("limit-refused-3").has("banned")).as("refused by the limit, not for a ban").isFalse();
        assertThat(lineOf("limit-refused-3").path("refused").asString()).isEqualTo("rate_limit");
        assertThat(lineOf("limit-allowed").has("refused")).as("served").isFalse();
    }

    @Test
    void aClientBannedForWafBlocksIsLoggedAsSo() {
        String client = "198.51.100.11";
        String attack = "/?q=" + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8);
        for (int i = 1; i <= 3; i++) {
            assertThat(get(attack, client, "waf-blocked-" + i)).isEqualTo(403);
        }
        assertThat(get("/", client, "waf-banned")).isEqualTo(403);

        assertThat(lineOf("waf-banned").path("banned").asString()).isEqualTo("waf");
        assertThat(lineOf("waf-blocked-3").has("banned")).as("blocked by the WAF, not for a ban").isFalse();
        assertThat(lineOf("waf-blocked-3").path("refused").asString()).isEqualTo("waf");
    }

    @Test
    void aClientBannedByAnOperatorIsLoggedAsSo() {
        String client = "198.51.100.12";
        banByHand(gateway, client);
        assertThat(get("/", client, "manual-banned")).isEqualTo(403);

        assertThat(lineOf("manual-banned").path("banned").asString()).isEqualTo("manual");
    }

    @Test
    void aHeadWhoseFramingCouldBeReadTwoWaysIsLoggedWithItsReason() {
        String request = "GET /framing HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\nX-Request-Id: framing-refused\r\n\r\n";
        try (RawHttp.Connection connection = RawHttp.connect(gateway.port())) {
            connection.sendBytes(request);
            assertThat(connection.read().status()).isEqualTo(400);
        }

        JsonNode line = lineOf("framing-refused");
        assertThat(line.path("refused").asString()).isEqualTo("duplicate_host");
        assertThat(line.path("status").asInt()).isEqualTo(400);
    }

    @Test
    void aHeadTheDecoderCannotReadIsLoggedWithItsReason() {
        try (RawHttp.Connection connection = RawHttp.connect(gateway.port())) {
            connection.sendBytes("GET /unreadable-head HTTP/1.1\r\nHost: h\r\nX-A: a\u0000b\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(400);
        }

        JsonNode line = await().atMost(Duration.ofSeconds(10)).until(() -> gateway.output().stream()
                .filter(text -> text.contains("/unreadable-head")).findFirst(), Optional::isPresent)
                .map(JSON::readTree).get();
        assertThat(line.path("refused").asString()).isEqualTo("malformed_head");
    }

    private static void banByHand(GatewayProcess gateway, String client) {
        HttpResponse<String> ban = gateway.send(HttpRequest.newBuilder(gateway.managementUri("/actuator/bans"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client\":\"" + client + "\"}")).build());
        assertThat(ban.statusCode()).isEqualTo(200);
    }

    @Test
    void aBannedClientWhoseConnectionIsClosedUnansweredIsLoggedWithNginxs444() {
        try (GatewayProcess closing = GatewayProcess.start(GatewaySettings.empty().pool("web", backend)
                .route(Route.to("web"))
                .set("frontdesk.shield.bans.response", "close")
                .set("frontdesk.edge.trusted-proxies[0]", "127.0.0.1/32")
                .set("frontdesk.management.token", TOKEN))) {
            String client = "198.51.100.13";
            banByHand(closing, client);
            HttpRequest request = HttpRequest.newBuilder(closing.uri("/")).header("X-Forwarded-For", client)
                    .header("X-Request-Id", "closed-banned").timeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(() -> closing.send(request)).as("closed unanswered")
                    .hasCauseInstanceOf(IOException.class);

            JsonNode line = lineOf(closing, "closed-banned");
            assertThat(line.path("status").asInt()).isEqualTo(444);
            assertThat(line.path("banned").asString()).isEqualTo("manual");
        }
    }
}
