package io.frontdesk.cache;

import static io.frontdesk.cache.SharedSite.NAME;
import static io.frontdesk.cache.SharedSite.TOKEN;
import static io.frontdesk.cache.SharedSite.awaitShared;
import static io.frontdesk.cache.SharedSite.cacheStatus;
import static io.frontdesk.cache.SharedSite.get;
import static io.frontdesk.cache.SharedSite.json;
import static io.frontdesk.cache.SharedSite.memoryEntries;
import static io.frontdesk.cache.SharedSite.purge;
import static io.frontdesk.cache.SharedSite.replica;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.frontdesk.cache.Origin.Answer;
import io.frontdesk.support.Redis;
import io.frontdesk.support.RunningGateway;
import io.frontdesk.support.WithRedis;
import tools.jackson.databind.JsonNode;

/** Two gateway replicas sharing a real Redis server, in front of one real origin on loopback. */
@WithRedis
class RedisTierTest {

    @AutoClose
    private static final Origin origin = new Origin();
    @AutoClose
    private static RunningGateway replicaA;
    @AutoClose
    private static RunningGateway replicaB;

    @BeforeAll
    static void start(Redis redis) {
        replicaA = replica(redis, origin);
        replicaB = replica(redis, origin);
    }

    @Test
    void whatOneReplicaStoresIsAHitOnTheOther(Redis redis) {
        origin.answer("/shared/app.css", Answer.of("body{}", "Cache-Control", "max-age=60", "ETag", "\"a\""));
        origin.answer("/shared/vary", Answer.of("v", "Cache-Control", "max-age=60", "Vary", "Accept-Encoding"));

        assertThat(cacheStatus(get(replicaA, "/shared/app.css"))).contains("fwd=uri-miss", "stored");
        get(replicaA, "/shared/vary", "Accept-Encoding", "gzip");
        awaitShared(redis, "/shared/app.css");
        awaitShared(redis, "#accept-encoding=gzip;");

        HttpResponse<String> fromB = get(replicaB, "/shared/app.css");
        assertThat(fromB.body()).isEqualTo("body{}");
        assertThat(cacheStatus(fromB)).startsWith("Frontdesk; hit; ttl=");
        assertThat(fromB.headers().firstValue("ETag")).hasValue("\"a\"");
        assertThat(fromB.headers().firstValue("Age")).isPresent();
        assertThat(cacheStatus(get(replicaB, "/shared/vary", "Accept-Encoding", "gzip, deflate")))
                .startsWith("Frontdesk; hit");
        assertThat(cacheStatus(get(replicaB, "/shared/vary", "Accept-Encoding", "br"))).contains("fwd=vary-miss");
        assertThat(origin.requests("/shared/app.css")).as("the backend saw replica A's miss only").isOne();
        assertThat(origin.requests("/shared/vary")).isEqualTo(2);
    }

    @Test
    void aPurgeOnOneReplicaEmptiesTheOthersMemoryWithinASecond(Redis redis) {
        origin.answer("/p/shoe", Answer.of("shoe", "Cache-Control", "max-age=60", "Cache-Tag", "product-7, shoes"));
        origin.answer("/p/sock", Answer.of("sock", "Cache-Control", "max-age=60", "Cache-Tag", "product-7"));
        origin.answer("/q/one", Answer.of("one", "Cache-Control", "max-age=60"));
        origin.answer("/q/two", Answer.of("two", "Cache-Control", "max-age=60"));
        for (String path : new String[] {"/p/shoe", "/p/sock", "/q/one", "/q/two"}) {
            get(replicaA, path);
            awaitShared(redis, path);
            assertThat(cacheStatus(get(replicaB, path))).as(path).startsWith("Frontdesk; hit");
        }
        long before = memoryEntries(replicaB);

        HttpResponse<String> byTag = purge(replicaA, "tag=product-7", TOKEN);
        assertThat(byTag.statusCode()).isEqualTo(200);
        JsonNode result = json(byTag.body());
        assertThat(result.path("memory").asLong()).isEqualTo(2);
        assertThat(result.path("shared").asLong()).isEqualTo(2);
        assertThat(result.path("replicasNotified").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(1)).until(() -> memoryEntries(replicaB) == before - 2);
        assertThat(cacheStatus(get(replicaB, "/p/sock"))).contains("fwd=uri-miss");
        assertThat(origin.requests("/p/sock")).isEqualTo(2);

        purge(replicaA, "prefix=https://" + NAME + "/q/", TOKEN);
        long sockBackInMemory = 1;
        await().atMost(Duration.ofSeconds(1)).until(() -> memoryEntries(replicaB) == before - 4 + sockBackInMemory);
        assertThat(cacheStatus(get(replicaB, "/q/one"))).contains("fwd=uri-miss");

        get(replicaB, "/p/shoe");
        awaitShared(redis, "/p/shoe");
        purge(replicaA, "url=" + NAME + "/p/shoe", TOKEN);
        await().atMost(Duration.ofSeconds(1)).until(() -> cacheStatus(get(replicaB, "/p/shoe")).contains("miss"));

        assertThat(purge(replicaA, "all=true", TOKEN).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> memoryEntries(replicaB) == 0);
        assertThat(redis.command("KEYS frontdesk:cache:e:*")).isEqualTo("*0");
    }

    @Test
    void purgesNeedTheTokenAndExactlyOneTarget() {
        assertThat(purge(replicaA, "all=true", null).statusCode()).isEqualTo(401);
        assertThat(purge(replicaA, "all=true", "wrong").statusCode()).isEqualTo(401);
        assertThat(purge(replicaA, "", TOKEN).statusCode()).isEqualTo(400);
        assertThat(purge(replicaA, "tag=a&prefix=b", TOKEN).statusCode()).isEqualTo(400);
    }

}
