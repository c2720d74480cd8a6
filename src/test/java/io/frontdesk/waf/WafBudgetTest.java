package io.frontdesk.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WAF's CPU budget in the gateway ({@code frontdesk.waf.budget}): a request whose rules take
 * longer is refused (413 for its body, 503 with Retry-After before it) or, under {@code pass},
 * let through with its remaining rules unrun; either way it is counted, audited and, when refused,
 * logged as refused for the budget. A request is made costly by a megabyte of form fields, each
 * run through a few expressions and the SQL injection and XSS detectors (which no shared scan
 * spares), against a budget of 50 ms: many times less than those rules take.
 */
class WafBudgetTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COSTLY_RULES = """
            SecRequestBodyNoFilesLimit 2097152
            SecRule REQUEST_HEADERS "@rx <script" "id:100,phase:1,pass,nolog,t:lowercase"
            SecRule ARGS "@rx (?:select|union|insert)\\s+\\w+\\s+from" "id:101,phase:2,pass,nolog,t:urlDecodeUni,t:lowercase"
            SecRule ARGS "@rx <\\w+[^>]*\\bon\\w+\\s*=" "id:102,phase:2,pass,nolog,t:htmlEntityDecode,t:lowercase"
            SecRule ARGS "@rx (?:\\.\\./)+\\w" "id:103,phase:2,pass,nolog,t:removeWhitespace"
            SecRule ARGS|ARGS_NAMES "@rx [a-z]+\\d+[a-z]+\\d+z" "id:104,phase:2,pass,nolog,t:compressWhitespace"
            SecRule ARGS|ARGS_NAMES "@detectSQLi" "id:105,phase:2,pass,nolog,t:urlDecodeUni"
            SecRule ARGS|ARGS_NAMES "@detectXSS" "id:106,phase:2,pass,nolog,t:urlDecodeUni"
            SecRule REQUEST_BODY "@contains needle" "id:200,phase:2,deny,status:403,msg:'the needle'"
            """;

    @TempDir
    static Path directory;
    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static RunningGateway refusing;
    @AutoClose
    private static RunningGateway passing;
    @AutoClose
    private static RunningGateway instant;

    @BeforeAll
    static void start() throws IOException {
        Path rules = Files.writeString(directory.resolve("costly.conf"), COSTLY_RULES);
        refusing = RunningGateway.start(settings("refusing", rules).set("frontdesk.waf.budget.cpu-time", "50ms"));
        passing = RunningGateway.start(settings("passing", rules).set("frontdesk.waf.budget.cpu-time", "50ms")
                .set("frontdesk.waf.budget.policy", "pass"));
        instant = RunningGateway.start(settings("instant", rules).set("frontdesk.waf.budget.cpu-time", "1ns"));
    }

    private static GatewaySettings settings(String name, Path rules) {
        return GatewaySettings.empty().pool("web", backend).route(Route.to("web"))
                .set("frontdesk.waf.rules[0]", rules.toString())
                .set("frontdesk.waf.audit.path", directory.resolve(name + "-audit.log").toString())
                .set("frontdesk.access-log.enabled", "true")
                .set("frontdesk.access-log.path", directory.resolve(name + "-access.log").toString());
    }

    @BeforeEach
    void forget() {
        backend.resetCounts();
    }

    /** About a megabyte of short fields: cheap to send, costly to inspect. */
    private static String costlyForm(String last) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; form.length() < 1_000_000; i++) {
            form.append("field").append(i).append("=value+").append(i).append("+of+a+form&");
        }
        return form.append("last=").append(last).toString();
    }

    private static HttpResponse<String> post(RunningGateway gateway, String requestId, String form) {
        return gateway.send(gateway.request("/orders", "Content-Type", "application/x-www-form-urlencoded",
                "X-Request-Id", requestId).POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static JsonNode lineOf(Path log, String requestId) {
        String marker = "\"request_id\":\"" + requestId + "\"";
        return await().atMost(Duration.ofSeconds(10)).until(() -> read(log).lines()
                .filter(line -> line.contains(marker)).findFirst(), Optional::isPresent).map(JSON::readTree).get();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String metrics(RunningGateway gateway) {
        return gateway.getManagement("/actuator/prometheus").body();
    }

    @Test
    void aBodyTooCostlyToInspectIsRefusedWith413BeforeTheBackendSeesIt() {
        HttpResponse<String> response = post(refusing, "costly-body", costlyForm("x"));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Retry-After")).as("retrying the same body cannot help").isEmpty();
        assertThat(JSON.readTree(response.body()).path("detail").asString()).contains("takes more time");
        assertThat(backend.requests()).isZero();
        JsonNode audit = lineOf(directory.resolve("refusing-audit.log"), "costly-body");
        assertThat(audit.path("budget_exhausted_phase").asInt()).isEqualTo(2);
        assertThat(audit.path("action").asString()).isEqualTo("blocked");
        assertThat(audit.path("status").asInt()).isEqualTo(413);
        assertThat(lineOf(directory.resolve("refusing-access.log"), "costly-body").path("refused").asString())
                .isEqualTo("waf_budget");
        assertThat(metrics(refusing))
                .containsPattern("frontdesk_waf_budget_exhausted_total\\{phase=\"2\",policy=\"refuse\"[^}]*\\} [1-9]");
    }

    @Test
    void requestsWithinTheBudgetAreJudgedByTheRulesAsBefore() {
        assertThat(post(refusing, "cheap-body", "name=Jane&comment=fine").statusCode()).isEqualTo(200);
        assertThat(post(refusing, "needle-body", "name=Jane&comment=a+needle").statusCode()).isEqualTo(403);
        assertThat(read(directory.resolve("refusing-audit.log"))).doesNotContain("\"request_id\":\"cheap-body\"");
        assertThat(lineOf(directory.resolve("refusing-audit.log"), "needle-body").has("budget_exhausted_phase"))
                .isFalse();
    }

    @Test
    void underPassACostlyBodyGoesOnUninspectedPastTheBudgetAndIsAudited() {
        String form = costlyForm("needle");
        HttpResponse<String> response = post(passing, "costly-pass", form);

        assertThat(response.statusCode()).as("the rule that denies a needle never ran").isEqualTo(200);
        assertThat(backend.received()).extracting(TestBackend.Received::body).containsExactly(form);
        JsonNode audit = lineOf(directory.resolve("passing-audit.log"), "costly-pass");
        assertThat(audit.path("budget_exhausted_phase").asInt()).isEqualTo(2);
        assertThat(audit.path("action").asString()).isEqualTo("pass");
        assertThat(metrics(passing))
                .containsPattern("frontdesk_waf_budget_exhausted_total\\{phase=\"2\",policy=\"pass\"[^}]*\\} [1-9]");
    }

    @Test
    void aBudgetSpentBeforeTheBodyIsRefusedWith503AndRetryAfter() {
        HttpResponse<String> response = instant.get("/page", "X-Request-Id", "instant-head");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(backend.requests()).isZero();
        assertThat(lineOf(directory.resolve("instant-audit.log"), "instant-head").path("budget_exhausted_phase")
                .asInt()).isEqualTo(1);
        assertThat(lineOf(directory.resolve("instant-access.log"), "instant-head").path("refused").asString())
                .isEqualTo("waf_budget");
        assertThat(metrics(instant))
                .containsPattern("frontdesk_waf_budget_exhausted_total\\{phase=\"1\",policy=\"refuse\"[^}]*\\} [1-9]");
    }
}
