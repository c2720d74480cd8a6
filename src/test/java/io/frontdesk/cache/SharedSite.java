package io.frontdesk.cache;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.frontdesk.support.Redis;
import io.frontdesk.support.RunningGateway;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One site served by gateway replicas that share a Redis cache tier: their settings, and a client
 * whose requests carry the site's Host header whichever replica they reach.
 */
final class SharedSite {

    static final String NAME = "shop.example";
    static final String TOKEN = "purge-token-for-the-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SharedSite() {
    }

    static Map<String, String> replicaSettings(Redis redis, Origin origin) {
        Map<String, String> settings = new HashMap<>();
        String route = "spring.cloud.gateway.server.webflux.routes[0]";
        settings.put("frontdesk.pools.web.backends[0].url", origin.url());
        settings.put(route + ".id", "web");
        settings.put(route + ".uri", "lb://web");
        settings.put(route + ".predicates[0]", "Path=/**");
        settings.put(route + ".filters[0]", "Cache=site");
        settings.put("frontdesk.cache.policies.site.default-ttl", "5m");
        settings.put("frontdesk.management.token", TOKEN);
        settings.put("spring.data.redis.url", redis.url());
        settings.put("management.endpoint.health.show-details", "always");
        return settings;
    }

    static HttpResponse<String> get(RunningGateway gateway, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10))
                .header("Host", NAME);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    static HttpResponse<String> purge(RunningGateway gateway, String query, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.managementUri("/actuator/cache?" + query))
                .timeout(Duration.ofSeconds(10)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
