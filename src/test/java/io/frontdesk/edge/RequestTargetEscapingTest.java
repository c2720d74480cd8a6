package io.frontdesk.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.support.ClientConnection;
import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RawHttp;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request-targets with bytes a URI may not hold are passed on percent-encoded, not refused; CONNECT
 * is. Each request is judged, and audited, by the target it was sent with, pipelined or not.
 */
class RequestTargetEscapingTest {

    private static final String RULES = """
            SecRuleEngine On
            SecRule REQUEST_URI_RAW "@contains <refused>" "id:9001,phase:1,deny,status:403,log"
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final TestBackend slow = TestBackend.start("slow").delay(Duration.ofMillis(100));
    @TempDir
    static Path directory;
    private static Path audit;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        audit = directory.resolve("audit.log");
        gateway = RunningGateway.start(GatewaySettings.empty()
                .pool("web", backend).pool("slow", slow)
                .route(Route.to("slow").path("/slow/**"))
                .route(Route.to("web").order(1))
                .set("frontdesk.waf.rules[0]", Files.writeString(directory.resolve("rules.conf"), RULES).toString())
                .set("frontdesk.waf.audit.mode", "all")
                .set("frontdesk.waf.audit.path", audit.toString()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void bytesAUriMayNotHoldAreEncodedAndTheRestLeftAlone() {
        assertThat(RequestTargetEscaping.escaped("/a?q=\"x\"&r=<b>|{c}")).isEqualTo("/a?q=%22x%22&r=%3Cb%3E%7C%7Bc%7D");
        assertThat(RequestTargetEscaping.escaped("/a\\b^`[]#")).isEqualTo("/a%5Cb%5E%60%5B%5D%23");
        assertThat(RequestTargetEscaping.escaped("/%zz/%4/%41%e9")).isEqualTo("/%25zz/%254/%41%e9");
        assertThat(RequestTargetEscaping.escaped("/caf\u00e9\u0001")).isEqualTo("/caf%E9%01");
        assertThat(RequestTargetEscaping.escaped("/plain/path?x=1&y=a+b%20c")).isEqualTo("/plain/path?x=1&y=a+b%20c");
    }

    @Test
    void connectIsRefusedAndLeavesNoBackendConnectionInTunnelMode() {
        RawHttp.Response refused = RawHttp.exchange(gateway.port(), "CONNECT 1.2.3.4:80 HTTP/1.1\r\nHost: localhost");
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Allow")).contains("GET");
        for (int i = 0; i < 4; i++) {
            assertThat(gateway.get("/after-connect").statusCode()).isEqualTo(200);
        }
        assertThat(backend.received()).extracting(TestBackend.Received::method).doesNotContain("CONNECT");
    }

    @Test
    void aRequestWithSuchATargetReachesTheBackendEncoded() {
        RawHttp.Response response = RawHttp.exchange(gateway.port(), "GET /search?q=\"quoted\"&p=%zz HTTP/1.1\r\nHost: localhost");
        assertThat(response.status()).isEqualTo(200);
        assertThat(backend.received()).extracting(TestBackend.Received::uri)
                .contains("/search?q=%22quoted%22&p=%25zz");
    }

    @Test
    void pipelinedRequestsAreEachJudgedAndAuditedByTheTargetTheyWereSentWith() throws IOException {
        for (int round = 0; round < 3; round++) {
            try (ClientConnection connection = new ClientConnection(gateway.port())) {
                connection.send("/slow/" + round + "?q=<kept>");
                // Read by the gateway while the one before it waits for its slow backend.
                connection.send("/web/" + round + "?q=<refused>");
                assertThat(connection.read().status()).as("round " + round).isEqualTo(200);
                assertThat(connection.read().status()).as("round " + round).isEqualTo(403);
            }
        }
        assertThat(slow.received()).extracting(TestBackend.Received::uri)
                .containsExactly("/slow/0?q=%3Ckept%3E", "/slow/1?q=%3Ckept%3E", "/slow/2?q=%3Ckept%3E");
        assertThat(backend.received()).extracting(TestBackend.Received::uri).noneMatch(uri -> uri.startsWith("/web/"));
        List<JsonNode> lines = Files.readAllLines(audit).stream().map(RequestTargetEscapingTest::json).toList();
        for (int round = 0; round < 3; round++) {
            String kept = "/slow/" + round + "?q=<kept>";
            String refused = "/web/" + round + "?q=<refused>";
            assertThat(lines).filteredOn(line -> line.path("uri").asText().equals(kept))
                    .singleElement().satisfies(line -> assertThat(line.path("action").asText()).isEqualTo("pass"));
            assertThat(lines).filteredOn(line -> line.path("uri").asText().equals(refused))
                    .singleElement().satisfies(line -> assertThat(line.path("action").asText()).isEqualTo("blocked"));
        }
    }

    private static JsonNode json(String line) {
        return JSON.readTree(line);
    }
}
