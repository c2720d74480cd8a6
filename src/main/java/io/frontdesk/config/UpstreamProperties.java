package io.frontdesk.config;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts of every connection to a backend (a route's metadata may set its own).
 *
 * @param connectTimeout how long opening a connection may take (nginx's proxy_connect_timeout)
 * @param readTimeout the longest silence while waiting for or reading a response (nginx's proxy_read_timeout)
 */
public record UpstreamProperties(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout) {
}
