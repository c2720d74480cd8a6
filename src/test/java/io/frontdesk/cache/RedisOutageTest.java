package io.frontdesk.cache;

import static io.frontdesk.cache.SharedSite.awaitShared;
import static io.frontdesk.cache.SharedSite.cacheStatus;
import static io.frontdesk.cache.SharedSite.get;
import static io.frontdesk.cache.SharedSite.health;
import static io.frontdesk.cache.SharedSite.memoryEntries;
import static io.frontdesk.cache.SharedSite.replica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.frontdesk.cache.Origin.Answer;
import io.frontdesk.support.Redis;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.WithRedis;
import tools.jackson.databind.JsonNode;

/** The Redis tier goes away under a running gateway, and comes back. */
@WithRedis
class RedisOutageTest {

    @Test
    void whileRedisIsDownClientsSeeNoErrorAndHealthSaysDegraded(Redis redis) throws InterruptedException {
        try (Origin origin = new Origin(); RunningGateway gateway = replica(redis, origin)) {
            origin.answer("/down/kept", Answer.of("kept", "Cache-Control", "max-age=60"));
            origin.answer("/down/new", Answer.of("new", "Cache-Control", "max-age=60"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "UP".equals(health(gateway).path("components").path("cache").path("status").asText()));
            get(gateway, "/down/kept");
            awaitShared(redis, "/down/kept");

            List<Integer> statuses = new CopyOnWriteArrayList<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread traffic = new Thread(() -> {
                for (int i = 0; sending.get() && i < 2000; i++) {
                    statuses.add(get(gateway, i % 2 == 0 ? "/down/kept" : "/down/new?i=" + i).statusCode());
                }
            });
            traffic.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() >= 20);
            redis.stop();
            int atStop = statuses.size();
            await().atMost(Duration.ofSeconds(20)).until(() -> statuses.size() >= atStop + 40);
            sending.set(false);
            traffic.join();
            assertThat(statuses).as("every answer, before, during and after the stop").containsOnly(200);
            assertThat(cacheStatus(get(gateway, "/down/kept"))).as("memory keeps serving").startsWith("Frontdesk; hit");
            JsonNode health = health(gateway);
            assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.path("components").path("cache").path("details").path("problem").asText())
                    .contains("not connected");
            assertThat(gateway.getManagement("/actuator/health").statusCode()).isEqualTo(200);
            assertThat(gateway.getManagement("/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(gateway.getManagement("/actuator/prometheus").body())
                    .containsPattern("frontdesk_cache_redis_errors_total\\{operation=\"get\"} [1-9]")
                    .contains("frontdesk_cache_redis_up 0.0");

            redis.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(health(gateway).path("status").asText()));
            assertThat(gateway.getManagement("/actuator/prometheus").body()).contains("frontdesk_cache_redis_up 1.0");
            await("memory emptied: purges may have been missed").atMost(Duration.ofSeconds(5))
                    .until(() -> memoryEntries(gateway) == 0);
            assertThat(get(gateway, "/down/new?after").statusCode()).isEqualTo(200);
            awaitShared(redis, "/down/new?after");
        }
    }
}
