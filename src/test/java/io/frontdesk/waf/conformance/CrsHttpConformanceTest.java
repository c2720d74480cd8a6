package io.frontdesk.waf.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.waf.conformance.ftw.CrsReleases;
import io.frontdesk.waf.conformance.ftw.RegressionSuites;
import io.frontdesk.waf.conformance.ftw.RegressionTest;
import io.frontdesk.waf.conformance.ftw.RequestRenderer;
import io.frontdesk.waf.conformance.ftw.Stage;
import io.frontdesk.waf.conformance.ftw.SuiteFile;
import io.frontdesk.waf.conformance.ftw.SuiteFormat;
import tools.jackson.databind.JsonNode;

/**
 * The CRS v4 regression suite against the running gateway over real HTTP, configured with
 * config/crs-regression.yml: each stage's bytes are sent as go-ftw sends them, bracketed by
 * marker requests (X-CRS-Test), and the audit lines between the markers' lines are the stage's
 * log. Platform overrides count only for the statuses a server's HTTP parsing gives
 * ({@link ServerStatusOverrides}). The build fails below the committed pass rate.
 */
class CrsHttpConformanceTest {

    @Test
    void passesAtLeastTheBaseline() throws IOException {
        Path regression = CrsReleases.regressionDirectory(CrsReleases.V4);
        Path tests = regression.resolve("tests");
        ServerStatusOverrides overrides = ServerStatusOverrides.load(regression);
        Path audit = Files.createTempDirectory("crs-audit").resolve("audit.log");
        try (ReflectBackend backend = ReflectBackend.start();
                RunningGateway gateway = RunningGateway.start(GatewaySettings.empty()
                        .set("spring.config.additional-location", "file:config/crs-regression.yml")
                        .set("frontdesk.waf.crs.directory", CrsReleases.directory().resolve(CrsReleases.V4).toString())
                        .set("frontdesk.waf.audit.path", audit.toString())
                        .pool("crs-backend", backend.url()))) {
            AuditLogReader log = new AuditLogReader(audit);
            ConformanceReport report = new ConformanceReport("CRS " + CrsReleases.V4 + " over HTTP");
            int marker = 0;
            for (SuiteFile suite : RegressionSuites.loadAll(tests, SuiteFormat.GO_FTW)) {
                String file = tests.relativize(suite.path()).toString();
                for (RegressionTest test : suite.tests()) {
                    for (Stage stage : test.stages()) {
                        String start = "marker-" + ++marker;
                        String end = "marker-" + ++marker;
                        boolean started = marked(gateway.port(), start);
                        RawExchange.Answer answer = RawExchange.send(gateway.port(), RequestRenderer.render(stage.input()));
                        boolean ended = marked(gateway.port(), end);
                        StageOutcome outcome = outcome(between(log.newLines(), start, end), answer);
                        List<String> shortfalls = new ArrayList<>(
                                outcome.shortfalls(overrides.expected(test, stage), true));
                        if (!started || !ended) {
                            shortfalls.add("a marker request around the stage was not answered with 200");
                        }
                        report.record(file, test.title() + " stage " + stage.index(), shortfalls);
                    }
                }
            }
            report.publish(Path.of("target", "crs-conformance", CrsReleases.V4 + "-http.md"));
            System.out.println(overrides.honoured() + " stages also accept the status a platform override gives them");
            assertThat(report.rate()).isGreaterThanOrEqualTo(CrsInProcessConformanceTest.baseline(CrsReleases.V4
                    + ".http"));
        }
    }

    private static boolean marked(int port, String id) {
        String request = "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: OWASP CRS test agent\r\nX-CRS-Test: " + id
                + "\r\nConnection: close\r\n\r\n";
        return RawExchange.send(port, request.getBytes(StandardCharsets.ISO_8859_1)).status() == 200;
    }

    private static List<JsonNode> between(List<JsonNode> lines, String start, String end) {
        List<JsonNode> inside = new ArrayList<>();
        boolean open = false;
        for (JsonNode line : lines) {
            String id = line.path("request_id").asString();
            if (id.equals(start)) {
                open = true;
            } else if (id.equals(end)) {
                break;
            } else if (open) {
                inside.add(line);
            }
        }
        return inside;
    }

    private static StageOutcome outcome(List<JsonNode> lines, RawExchange.Answer answer) {
        List<Integer> ids = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode line : lines) {
            if (line.has("request_body_error")) {
                text.append(line.path("request_body_error").asString()).append('\n');
            }
            for (JsonNode rule : line.path("matched_rules")) {
                ids.add(rule.path("id").asInt());
                text.append(StageOutcome.logLine(rule.path("id").asInt(), rule.path("msg").asString(),
                        rule.path("data").asString()));
            }
        }
        return new StageOutcome(ids, text.toString(), answer.status(), answer.response());
    }
}
