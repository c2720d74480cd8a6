package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.Redis;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import io.frontdesk.support.WithRedis;

/** A ban earned on one replica holds on the other through a real Redis; the other closes connections instead of answering. */
@WithRedis
class BanSharingTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static RunningGateway replicaA;
    @AutoClose
    private static RunningGateway replicaB;

    @BeforeAll
    static void start(Redis redis) {
        GatewaySettings settings = BanTest.banSettings(backend).set("frontdesk.shield.bans.duration", "10m")
                .set("spring.data.redis.url", redis.url());
        replicaA = RunningGateway.start(settings);
        replicaB = RunningGateway.start(settings.set("frontdesk.shield.bans.response", "close"));
    }

    @Test
    void aBanEarnedOnOneReplicaClosesTheOthersDoorWithinASecond(Redis redis) {
        String client = "198.51.100.40";
        assertThat(replicaB.getFrom(client, "/").statusCode()).isEqualTo(200);
        HttpResponse<String> last;
        do {
            last = replicaA.getFrom(client, "/");
        } while (last.statusCode() != 403);
        assertThat(redis.command("EXISTS frontdesk:shield:ban:" + client)).isEqualTo(":1");

        await().atMost(Duration.ofSeconds(1)).until(() -> catchThrowable(() -> replicaB.getFrom(client, "/")) != null);
        assertThat(catchThrowable(() -> replicaB.getFrom(client, "/"))).as("closed without an answer")
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(replicaB.getFrom("198.51.100.41", "/").statusCode()).as("others are served").isEqualTo(200);

        HttpResponse<String> lifted = replicaB.send(HttpRequest.newBuilder(
                replicaB.managementUri("/actuator/bans?client=" + client))
                .header("Authorization", "Bearer " + BanTest.TOKEN).DELETE().build());
        assertThat(lifted.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> replicaA.getFrom(client, "/").statusCode() != 403);
    }
}
