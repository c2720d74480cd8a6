package io.frontdesk.cache;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.frontdesk.support.GatewaySettings;
import io.frontdesk.support.GatewaySettings.Route;
import io.frontdesk.support.Redis;
import io.frontdesk.support.RunningGateway;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One site served by gateway replicas that share a Redis cache tier: the replicas, and requests
 * that carry the site's Host header whichever replica they reach.
 */
final class SharedSite {

    static final String NAME = "shop.example";
    static final String TOKEN = "purge-token-for-the-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SharedSite() {
    }

    /** A replica of the site: its cache shares {@code redis}; its client speaks HTTP/1.1, as a CDN's does. */
    static RunningGateway replica(Redis redis, Origin origin) {
        return RunningGateway.start(GatewaySettings.empty()
                .pool("web", origin.url()).route(Route.to("web").filter("Cache=site"))
                .set("frontdesk.cache.policies.site.default-ttl", "5m")
                .set("frontdesk.management.token", TOKEN)
                .set("spring.data.redis.url", redis.url())
                .set("management.endpoint.health.show-details", "always"), HttpClient.Version.HTTP_1_1);
    }

    static HttpResponse<String> get(RunningGateway gateway, String path, String... headers) {
        return gateway.send(gateway.request(path, headers).header("Host", NAME).build());
    }

    static HttpResponse<String> purge(RunningGateway gateway, String query, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.managementUri("/actuator/cache?" + query))
                .timeout(Duration.ofSeconds(10)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return gateway.send(request.build());
    }

    static String cacheStatus(HttpResponse<?> response) {
        return response.headers().firstValue("Cache-Status").orElse("");
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    static long memoryEntries(RunningGateway gateway) {
        return json(gateway.getManagement("/actuator/cache").body()).path("memory").path("entries").asLong();
    }

    static JsonNode health(RunningGateway gateway) {
        return json(gateway.getManagement("/actuator/health").body());
    }

    /** Waits until the shared tier holds one entry under a key that ends with {@code suffix}. */
    static void awaitShared(Redis redis, String suffix) {
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.command("KEYS frontdesk:cache:e:*" + suffix).equals("*1"));
    }
}
