package io.frontdesk.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;

import io.frontdesk.config.InvalidConfigurationException;

/**
 * Start-up check of the connect and response timeouts, global and per route (route metadata
 * {@code connect-timeout} and {@code response-timeout}, in milliseconds). A response timeout of
 * -1 on a route turns the global one off for it, as in Spring Cloud Gateway; any other negative
 * value is an error.
 */
public final class RouteTimeoutsValidator implements SmartInitializingSingleton {

    private static final String PREFIX = "spring.cloud.gateway.server.webflux.";

    private final List<RouteDefinition> routes;
    private final HttpClientProperties httpClient;

    public RouteTimeoutsValidator(List<RouteDefinition> routes, HttpClientProperties httpClient) {
        this.routes = routes;
        this.httpClient = httpClient;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Integer connect = httpClient.getConnectTimeout();
        if (connect != null && connect < 0) {
            throw new InvalidConfigurationException(PREFIX + "httpclient.connect-timeout",
                    "must not be negative, was " + connect);
        }
        Duration response = httpClient.getResponseTimeout();
        if (response != null && response.isNegative()) {
            throw new InvalidConfigurationException(PREFIX + "httpclient.response-timeout",
                    "must not be negative, was " + response);
        }
        for (int i = 0; i < routes.size(); i++) {
            Map<String, Object> metadata = routes.get(i).getMetadata();
            String key = PREFIX + "routes[" + i + "].metadata.";
            millis(key + "connect-timeout", metadata.get("connect-timeout"), false);
            millis(key + "response-timeout", metadata.get("response-timeout"), true);
        }
    }

    private static void millis(String key, Object value, boolean minusOneAllowed) {
        if (value == null) {
            return;
        }
        long millis;
        try {
            millis = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "'" + value + "' is not a number of milliseconds");
        }
        if (millis < 0 && !(minusOneAllowed && millis == -1)) {
            throw new InvalidConfigurationException(key, "must not be negative, was " + millis
                    + (minusOneAllowed ? " (-1 turns the global response timeout off for the route)" : ""));
        }
    }
}
