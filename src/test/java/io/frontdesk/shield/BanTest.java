package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bans earned by repeated refusals, deny and allow lists, and bans by hand, before a real backend. */
class BanTest {

    static final String TOKEN = "bans-token-for-the-tests";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static final RunningGateway gateway = RunningGateway.start(banSettings(backend));

    /** A limit of one request a second; three refusals within ten seconds earn a ban of one second, then two. */
    static GatewaySettings banSettings(TestBackend backend) {
        return GatewaySettings.empty().pool("web", backend).route(Route.to("web").filter("RateLimit=strict"))
                .set("frontdesk.shield.limits.strict.rate", "1/s")
                .set("frontdesk.shield.bans.after", "3")
                .set("frontdesk.shield.bans.within", "10s")
                .set("frontdesk.shield.bans.duration", "1s")
                .set("frontdesk.shield.allow[0]", "203.0.113.50")
                .set("frontdesk.shield.deny[0]", "203.0.113.64/28")
                .set("frontdesk.edge.trusted-proxies[0]", "127.0.0.1/32")
                .set("frontdesk.management.token", TOKEN);
    }

    @BeforeEach
    void forget() {
        backend.resetCounts();
    }

    private static JsonNode bans() {
        return JSON.readTree(gateway.getManagement("/actuator/bans").body());
    }

    private static JsonNode banOf(String client) {
        for (JsonNode ban : bans()) {
            if (ban.path("client").asText().equals(client)) {
                return ban;
            }
        }
        return null;
    }

    @Test
    void aClientRefusedAgainAndAgainIsBannedThenLetBackOnScheduleAndBannedLongerNextTime() {
        String client = "198.51.100.20";
        assertThat(gateway.getFrom(client, "/").statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.getFrom(client, "/").statusCode()).isEqualTo(429);
        }
        HttpResponse<String> banned = gateway.getFrom(client, "/");
        assertThat(banned.statusCode()).isEqualTo(403);
        assertThat(banned.body()).contains("banned until", "3 offences within 10s", "strict");
        assertThat(banned.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(backend.requests()).isOne();
        assertThat(banOf(client).path("count").asInt()).isOne();

        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.getFrom(client, "/").statusCode() != 403);
        assertThat(banOf(client)).as("lifted on schedule").isNull();

        HttpResponse<String> last;
        do {
            last = gateway.getFrom(client, "/");
        } while (last.statusCode() != 403);
        JsonNode second = banOf(client);
        assertThat(second.path("count").asInt()).isEqualTo(2);
        long left = Instant.parse(second.path("until").asText()).toEpochMilli() - System.currentTimeMillis();
        assertThat(left).as("twice the first ban").isBetween(1_001L, 2_000L);
    }

    @Test
    void deniedClientsAreRefusedAndAllowedOnesAreNeverLimited() {
        HttpResponse<String> denied = gateway.getFrom("203.0.113.70", "/");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("not accepted");
        for (int i = 0; i < 10; i++) {
            assertThat(gateway.getFrom("203.0.113.50", "/").statusCode()).isEqualTo(200);
        }
        assertThat(backend.requests()).isEqualTo(10);
    }

    @Test
    void operatorsBanAndLiftThroughTheEndpoint() {
        String client = "198.51.100.30";
        HttpRequest.Builder ban = HttpRequest.newBuilder(gateway.managementUri("/actuator/bans"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client\":\"" + client + "\",\"duration\":\"10m\",\"reason\":\"scraping\"}"));
        assertThat(gateway.send(ban.build()).statusCode()).isEqualTo(401);
        assertThat(gateway.send(ban.header("Authorization", "Bearer " + TOKEN).build()).statusCode()).isEqualTo(200);
        HttpResponse<String> banned = gateway.getFrom(client, "/");
        assertThat(banned.statusCode()).isEqualTo(403);
        assertThat(banned.body()).contains("scraping");
        assertThat(banOf(client).path("cause").asText()).isEqualTo("manual");

        HttpResponse<String> lifted = gateway.send(HttpRequest.newBuilder(
                gateway.managementUri("/actuator/bans?client=" + client)).header("Authorization", "Bearer " + TOKEN)
                .DELETE().build());
        assertThat(JSON.readTree(lifted.body()).path("lifted").asBoolean()).isTrue();
        assertThat(gateway.getFrom(client, "/").statusCode()).isEqualTo(200);
        assertThat(gateway.send(HttpRequest.newBuilder(gateway.managementUri("/actuator/bans"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client\":\"not-an-address\"}")).build()).statusCode())
                .isEqualTo(400);
    }
}
