package io.frontdesk.waf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawHttp;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with its built-in baseline rules, as the embedded default runs: attacks are refused
 * before the backend sees them, ordinary traffic passes, each refusal is in the audit log by the
 * time its response arrives, counted in the metrics and held against the client.
 */
class WafBaselineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "waf-token-for-the-tests";

    @TempDir
    static Path directory;
    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static RunningGateway gateway;
    private static Path audit;

    @BeforeAll
    static void start() {
        audit = directory.resolve("audit.log");
        gateway = RunningGateway.start(GatewaySettings.empty().pool("web", backend).route(Route.to("web"))
                .set("frontdesk.waf.audit.path", audit.toString())
                .set("frontdesk.edge.trusted-proxies[0]", "127.0.0.1/32")
                .set("frontdesk.shield.bans.after", "3")
                .set("frontdesk.shield.bans.within", "1m")
                .set("frontdesk.management.token", TOKEN));
    }

    @BeforeEach
    void forget() {
        backend.resetCounts();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> auditLines() throws IOException {
        return Files.readAllLines(audit).stream().map(JSON::readTree).toList();
    }

    private static JsonNode auditLineOf(String requestId) throws IOException {
        return auditLines().stream().filter(line -> line.path("request_id").asString().equals(requestId)).findFirst()
                .orElseThrow(() -> new AssertionError("no audit line for " + requestId));
    }

    @Test
    void sqlInjectionIsRefusedWithTheRequestIdAndTheBackendNeverAsked() throws IOException {
        HttpResponse<String> response = gateway.getFrom("198.51.100.1", "/?id=" + query("1' OR '1'='1"));
        assertThat(response.statusCode()).isEqualTo(403);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(JSON.readTree(response.body()).path("requestId").asString()).isEqualTo(requestId);
        assertThat(backend.requests()).isZero();

        JsonNode line = auditLineOf(requestId);
        assertThat(line.properties().stream().map(Map.Entry::getKey).toList()).containsExactly("time", "request_id",
                "client_ip", "method", "uri", "status", "action", "anomaly_score", "matched_rules");
        assertThat(line.path("client_ip").asString()).isEqualTo("198.51.100.1");
        assertThat(line.path("method").asString()).isEqualTo("GET");
        assertThat(line.path("status").asInt()).isEqualTo(403);
        assertThat(line.path("action").asString()).isEqualTo("blocked");
        assertThat(line.path("anomaly_score").asInt()).isEqualTo(5);
        JsonNode rule = line.path("matched_rules").get(0);
        assertThat(rule.properties().stream().map(Map.Entry::getKey).toList()).containsExactly("id", "msg", "data",
                "matched_var", "severity", "phase", "tags");
        assertThat(rule.path("id").asInt()).isEqualTo(10030);
        assertThat(rule.path("matched_var").asString()).isEqualTo("ARGS:id");
        assertThat(rule.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(rule.path("phase").asInt()).isEqualTo(2);
        assertThat(rule.path("tags").get(0).asString()).isEqualTo("attack-sqli");
    }

    @Test
    void crossSiteScriptingIsRefused() {
        HttpResponse<String> response = gateway.getFrom("198.51.100.2", "/?q=" + query("<script>alert(1)</script>"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(backend.requests()).isZero();
    }

    @Test
    void anAttackSentWithoutEncodingIsJudgedAsSentAndLoggedSo() throws IOException {
        RawHttp.Response response = RawHttp.exchange(gateway.port(),
                "GET /?q=<script>alert(1)</script> HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 198.51.100.6");
        assertThat(response.status()).isEqualTo(403);
        assertThat(backend.requests()).isZero();
        assertThat(auditLineOf(response.header("X-Request-Id")).path("uri").asString())
                .isEqualTo("/?q=<script>alert(1)</script>");
    }

    @Test
    void anAttackInAFormBodyIsRefusedBeforeTheBackendReadsIt() {
        HttpResponse<String> response = gateway.send(gateway.request("/login",
                "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", "198.51.100.3")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + query("admin' OR 1=1--") + "&password=x")).build());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(backend.requests()).isZero();
    }

    @Test
    void aBodyThatCannotBeParsedIsAuditedWithTheParseError() throws IOException {
        String body = "--b\r\nContent\u007f-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b--\r\n";
        HttpResponse<String> response = gateway.send(gateway.request("/upload",
                "Content-Type", "multipart/form-data; boundary=b", "X-Forwarded-For", "198.51.100.5")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        JsonNode line = auditLineOf(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(line.path("request_body_error").asString())
                .isEqualTo("Multipart parsing error: Multipart: Invalid part header (contains invalid character).");
    }

    @Test
    void ordinaryRequestsPassWithTheirBodiesWholeAndLeaveNoAuditLine() throws IOException {
        HttpResponse<String> search = gateway.getFrom("198.51.100.4",
                "/search?q=" + query("O'Reilly books on SQL, 2nd edition") + "&page=2&sort=price");
        assertThat(search.statusCode()).isEqualTo(200);
        String body = "name=" + query("Jane O'Neil") + "&comment=" + query("I <3 this: 5 > 3 & 2 < 4")
                + "&padding=" + "x".repeat(300_000);
        HttpResponse<String> form = gateway.send(gateway.request("/comments",
                "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", "198.51.100.4")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(backend.received()).extracting(TestBackend.Received::body).contains(body);
        String formId = form.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(auditLines()).noneMatch(line -> line.path("request_id").asString().equals(formId));
    }

    @Test
    void aClientThatKeepsAttackingIsBanned() {
        String attacker = "198.51.100.9";
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.getFrom(attacker, "/?q=" + query("<script>alert(" + i + ")</script>")).statusCode())
                    .isEqualTo(403);
        }
        HttpResponse<String> innocentLooking = gateway.getFrom(attacker, "/");
        assertThat(innocentLooking.statusCode()).isEqualTo(403);
        assertThat(innocentLooking.body()).contains("banned");
        assertThat(gateway.getFrom("198.51.100.10", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void blocksAreCountedByActionAndRule() {
        gateway.getFrom("198.51.100.5", "/?id=" + query("1 UNION SELECT password FROM users"));
        String metrics = gateway.getManagement("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("frontdesk_waf_transactions_total\\{action=\"blocked\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("frontdesk_waf_rule_matches_total\\{[^}]*family=\"sqli\"[^}]*rule=\"10030\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("frontdesk_waf_blocked_matches_total\\{[^}]*family=\"sqli\"[^}]*rule=\"10030\"[^}]*\\} [1-9]");
        assertThat(metrics).contains("frontdesk_waf_evaluation_seconds_bucket");
        assertThat(metrics).containsPattern("frontdesk_waf_rules(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void theEndpointShowsTheBaselineAndReloadsIt() {
        JsonNode rules = JSON.readTree(gateway.getManagement("/actuator/waf").body());
        assertThat(rules.path("mode").asString()).isEqualTo("on");
        assertThat(rules.path("baseline").asBoolean()).isTrue();
        assertThat(rules.path("rules").asInt()).isGreaterThan(5);
        HttpResponse<String> reload = gateway.send(HttpRequest.newBuilder(gateway.managementUri("/actuator/waf"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build());
        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(reload.body()).path("reloaded").asBoolean()).isTrue();
    }
}
