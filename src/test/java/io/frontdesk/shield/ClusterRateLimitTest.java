package io.frontdesk.shield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Redis;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.TestBackend;
import io.frontdesk.support.WithRedis;
import tools.jackson.databind.json.JsonMapper;

/** Two replicas enforce one budget kept in a real Redis server, and fall back to their share without it. */
@WithRedis
class ClusterRateLimitTest {

    @AutoClose
    private static final TestBackend backend = TestBackend.start("web");
    @AutoClose
    private static RunningGateway replicaA;
    @AutoClose
    private static RunningGateway replicaB;

    @BeforeAll
    static void start(Redis redis) {
        GatewaySettings settings = GatewaySettings.empty()
                .pool("web", backend).route(Route.to("web").filter("RateLimit=shared"))
                .set("frontdesk.shield.limits.shared.rate", "20/s")
                .set("frontdesk.shield.limits.shared.burst", "10")
                .set("frontdesk.shield.limits.shared.scope", "cluster")
                .set("frontdesk.shield.cluster.replicas", "2")
                .set("frontdesk.edge.trusted-proxies[0]", "127.0.0.1/32")
                .set("frontdesk.shield.bans.enabled", "false")
                .set("spring.data.redis.url", redis.url())
                // A busy test machine must not push decisions to the fallback: that is the other test's subject.
                .set("spring.data.redis.timeout", "2s")
                .set("management.endpoint.health.show-details", "always");
        replicaA = RunningGateway.start(settings);
        replicaB = RunningGateway.start(settings);
    }

    @Test
    void twoReplicasHoldAClientToOneBudget() {
        backend.resetCounts();
        double fallbackBefore = withoutRedis(replicaA) + withoutRedis(replicaB);
        int allowed = 0;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(2).toNanos();
        for (int i = 0; System.nanoTime() < end && i < 10_000; i++) {
            int status = (i % 2 == 0 ? replicaA : replicaB).getFrom("198.51.100.7", "/").statusCode();
            assertThat(status).isIn(200, 429);
            if (status == 200) {
                allowed++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double expected = 10 + 20 * seconds;
        assertThat((double) allowed).as("burst 10 plus 20/s over %.2f s, across both replicas", seconds)
                .isBetween(expected * 0.9, expected * 1.1);
        assertThat(backend.requests()).isEqualTo(allowed);
        assertThat(withoutRedis(replicaA) + withoutRedis(replicaB)).as("every decision was Redis's")
                .isEqualTo(fallbackBefore);
    }

    /** Decisions a replica made without Redis so far. */
    private static double withoutRedis(RunningGateway replica) {
        Matcher count = Pattern.compile("frontdesk_ratelimit_redis_unavailable_total\\{limit=\"shared\"} (\\S+)")
                .matcher(replica.getManagement("/actuator/prometheus").body());
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    @Test
    void withoutRedisEachReplicaEnforcesItsShareAndNoRequestFails(Redis redis) {
        redis.stop();
        try {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                statuses.add(replicaA.getFrom("198.51.100.8", "/").statusCode());
            }
            assertThat(statuses).as("never a 5xx").containsOnly(200, 429);
            assertThat(statuses.stream().filter(status -> status == 200).count())
                    .as("the share of one of two replicas: bursts of 5").isBetween(5L, 10L);
            assertThat(replicaA.getManagement("/actuator/prometheus").body())
                    .containsPattern("frontdesk_ratelimit_redis_unavailable_total\\{limit=\"shared\"} [1-9]");
        } finally {
            redis.start();
            for (RunningGateway replica : List.of(replicaA, replicaB)) {
                await("Redis back for the other tests").atMost(Duration.ofSeconds(30)).until(() -> JsonMapper.builder()
                        .build().readTree(replica.getManagement("/actuator/health").body())
                        .path("components").path("cache").path("status").asText().equals("UP"));
            }
        }
    }
}
