package io.frontdesk.balancer;

import java.time.Duration;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/**
 * How long a request may wait for its backend's response head: the route's {@code response-timeout}
 * metadata in milliseconds (negative: no limit), else the framework's
 * {@code httpclient.response-timeout}, else no limit. Both are checked at start-up
 * ({@code edge.RouteTimeoutsValidator}).
 */
final class RouteResponseTimeouts {

    private final HttpClientProperties properties;

    RouteResponseTimeouts(HttpClientProperties properties) {
        this.properties = properties;
    }

    /** The route's limit, or {@code null} for none. */
    Duration of(Route route) {
        Object millis = route == null ? null : route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        if (millis == null) {
            return properties.getResponseTimeout();
        }
        long value = millis instanceof Number number ? number.longValue() : Long.parseLong(millis.toString().trim());
        return value < 0 ? null : Duration.ofMillis(value);
    }
}
