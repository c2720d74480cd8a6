package io.frontdesk.config;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What touches the client connection.
 *
 * @param trustedProxies CIDR blocks (or single addresses) whose X-Forwarded-For is believed
 * @param hideResponseHeaders backend response headers never passed to the client
 * @param requestIdHeader the header carrying the request id both ways
 * @param forwardedHeader whether to send the RFC 7239 Forwarded header besides X-Forwarded-*
 */
public record EdgeProperties(
        @DefaultValue List<String> trustedProxies,
        @DefaultValue({"Server", "X-Powered-By"}) List<String> hideResponseHeaders,
        @DefaultValue("X-Request-Id") String requestIdHeader,
        @DefaultValue("true") boolean forwardedHeader) {
}
