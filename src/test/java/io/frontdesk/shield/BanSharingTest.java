package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.Redis;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import io.frontdesk.support.WithRedis;

/** A ban earned on one replica holds on the other through a real Redis; the other closes connections instead of answering. */
@WithRedis
class BanSharingTest {

    private static TestBackend backend;
    private static RunningGateway replicaA;
    private static RunningGateway replicaB;

    @BeforeAll
    static void start(Redis redis) {
        backend = TestBackend.start("web");
        Map<String, String> settings = new HashMap<>(RunningGateway.poolWithRoute("web", List.of(backend)));
        settings.putAll(BanTest.banSettings());
        settings.put("frontdesk.shield.bans.duration", "10m");
        settings.put("spring.data.redis.url", redis.url());
        replicaA = RunningGateway.start(settings);
        settings.put("frontdesk.shield.bans.response", "close");
        replicaB = RunningGateway.start(settings);
    }

    @AfterAll
    static void stop() {
        replicaA.close();
        replicaB.close();
        backend.close();
    }

    private static HttpResponse<String> get(RunningGateway replica, String client) {
        return replica.send(HttpRequest.newBuilder(replica.uri("/")).header("X-Forwarded-For", client)
                .timeout(Duration.ofSeconds(10)).build());
    }

    @Test
    void aBanEarnedOnOneReplicaClosesTheOthersDoorWithinASecond(Redis redis) {
        String client = "198.51.100.40";
        assertThat(get(replicaB, client).statusCode()).isEqualTo(200);
        HttpResponse<String> last;
        do {
            last = get(replicaA, client);
        } while (last.statusCode() != 403);
        assertThat(redis.command("EXISTS frontdesk:shield:ban:" + client)).isEqualTo(":1");

        await().atMost(Duration.ofSeconds(1)).until(() -> catchThrowable(() -> get(replicaB, client)) != null);
        assertThat(catchThrowable(() -> get(replicaB, client))).as("closed without an answer")
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(get(replicaB, "198.51.100.41").statusCode()).as("others are served").isEqualTo(200);

        HttpResponse<String> lifted = replicaB.send(HttpRequest.newBuilder(
                replicaB.managementUri("/actuator/bans?client=" + client))
                .header("Authorization", "Bearer " + BanTest.TOKEN).DELETE().build());
        assertThat(lifted.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> get(replicaA, client).statusCode() != 403);
    }
}
