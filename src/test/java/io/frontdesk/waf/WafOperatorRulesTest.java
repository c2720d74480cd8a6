package io.frontdesk.waf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with rule files of the operator's own: per-route modes and exclusions, response
 * inspection, the audit log of every transaction, and reloads that keep the rules in force when
 * the new files are broken.
 */
class WafOperatorRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "waf-rules-token-for-the-tests";
    private static final String RULES = """
            SecRequestBodyAccess On
            SecRequestBodyNoFilesLimit 2000000
            SecRule ARGS:q "@streq attack" "id:2001,phase:1,deny,msg:'test attack',tag:'test'"
            SecRule RESPONSE_BODY "@contains leaked-secret" "id:2002,phase:4,deny,msg:'response leak'"
            SecRule ARGS:pw "@contains '" "id:2003,phase:2,deny,msg:'quote in pw'"
            SecRule ARGS:payload "@rx ^(?=a)(a+)+$" "id:2004,phase:2,deny,msg:'a pattern that backtracks'"
            SecRule TX:MSC_PCRE_LIMITS_EXCEEDED "@eq 1" "id:2005,phase:2,pass,log,msg:'regex budget spent'"
            """;

    @TempDir
    static Path directory;
    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final TestBackend leaking = TestBackend.start("leaked-secret")
            .responseHeader("Content-Type", "text/plain");
    @AutoClose
    private static RunningGateway gateway;
    private static Path rules;
    private static Path audit;

    @BeforeAll
    static void start() throws IOException {
        rules = Files.writeString(directory.resolve("rules.conf"), RULES);
        audit = directory.resolve("audit.log");
        gateway = RunningGateway.start(GatewaySettings.empty()
                .pool("web", backend)
                .pool("leak", leaking)
                .route(Route.to("web").order(1))
                .route(Route.to("web").id("open").path("/open/**"))
                .route(Route.to("web").id("watch").path("/watch/**"))
                .route(Route.to("web").id("login").path("/login/**"))
                .route(Route.to("leak").path("/leak/**"))
                .set("frontdesk.waf.rules[0]", rules.toString())
                .set("frontdesk.waf.response-inspection", "true")
                .set("frontdesk.waf.audit.mode", "all")
                .set("frontdesk.waf.audit.path", audit.toString())
                .set("frontdesk.waf.routes.open.mode", "off")
                .set("frontdesk.waf.routes.watch.mode", "detection-only")
                // the pathological megabyte is decided by the regex's own limit, which on a slow machine takes
                // about as long as the default budget of a transaction: that budget is not what is tested here
                .set("frontdesk.waf.budget.cpu-time", "30s")
                .set("frontdesk.waf.routes.login.exclude-targets[0]", "2003;ARGS:pw")
                .set("frontdesk.management.token", TOKEN));
    }

    private static JsonNode auditLineOf(HttpResponse<String> response) throws IOException {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        return Files.readAllLines(audit).stream().map(JSON::readTree)
                .filter(line -> line.path("request_id").asString().equals(requestId)).findFirst()
                .orElseThrow(() -> new AssertionError("no audit line for " + requestId));
    }

    private static HttpResponse<String> reload() {
        return gateway.send(HttpRequest.newBuilder(gateway.managementUri("/actuator/waf"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build());
    }

    @Test
    void routesRunTheirOwnModes() throws IOException {
        assertThat(gateway.get("/?q=attack").statusCode()).isEqualTo(403);
        assertThat(gateway.get("/open/?q=attack").statusCode()).isEqualTo(200);
        HttpResponse<String> watched = gateway.get("/watch/?q=attack");
        assertThat(watched.statusCode()).isEqualTo(200);
        JsonNode line = auditLineOf(watched);
        assertThat(line.path("action").asString()).isEqualTo("detected");
        assertThat(line.path("matched_rules").get(0).path("id").asInt()).isEqualTo(2001);
    }

    @Test
    void aRouteExclusionKeepsOneTargetFromOneRule() {
        assertThat(gateway.get("/login/?pw=it's").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/?pw=it's").statusCode()).isEqualTo(403);
    }

    @Test
    void aResponseThatLeaksIsReplacedWithTheRefusal() throws IOException {
        HttpResponse<String> response = gateway.get("/leak/report");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("leaked-secret").contains("requestId");
        JsonNode rule = auditLineOf(response).path("matched_rules").get(0);
        assertThat(rule.path("id").asInt()).isEqualTo(2002);
        assertThat(rule.path("phase").asInt()).isEqualTo(4);
    }

    @Test
    void everyTransactionHasAnAuditLineInModeAll() throws IOException {
        HttpResponse<String> response = gateway.get("/plain?x=1");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode line = auditLineOf(response);
        assertThat(line.path("action").asString()).isEqualTo("pass");
        assertThat(line.path("uri").asString()).isEqualTo("/plain?x=1");
        assertThat(line.path("matched_rules").isEmpty()).isTrue();
    }

    @Test
    void aPathologicalMegabyteIsDecidedWhileOtherClientsAreServed() throws Exception {
        String payload = "payload=" + "a".repeat(1_000_000) + "!";
        CompletableFuture<HttpResponse<String>> pathological = gateway.client().sendAsync(
                HttpRequest.newBuilder(gateway.uri("/search")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(payload)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(gateway.client().sendAsync(HttpRequest.newBuilder(gateway.uri("/item/" + i))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> other : others) {
            assertThat(other.get().statusCode()).isEqualTo(200);
        }
        HttpResponse<String> decided = pathological.get();
        assertThat(decided.statusCode()).isEqualTo(200);
        JsonNode rules = auditLineOf(decided).path("matched_rules");
        assertThat(rules).extracting(rule -> rule.path("id").asInt()).containsExactly(2005);
    }

    @Test
    void aBrokenFileKeepsTheRulesInForceAndAFixedOneIsSwappedIn() throws IOException {
        try {
            Files.writeString(rules, RULES + "SecRule ARGS \"@nosuchoperator x\" \"id:2009,phase:1,deny\"\n");
            HttpResponse<String> refused = reload();
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.path("reloaded").asBoolean()).isFalse();
            assertThat(body.path("error").asString()).contains("rules.conf:8").contains("nosuchoperator");
            assertThat(gateway.get("/?q=attack").statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(gateway.getManagement("/actuator/waf").body()).path("lastReloadError")
                    .asString()).contains("rules.conf:8");

            Files.writeString(rules, RULES + "SecRule ARGS:q \"@streq other\" \"id:2010,phase:1,deny\"\n");
            assertThat(reload().statusCode()).isEqualTo(200);
            assertThat(gateway.get("/?q=other").statusCode()).isEqualTo(403);
        } finally {
            Files.writeString(rules, RULES);
            reload();
        }
    }
}
