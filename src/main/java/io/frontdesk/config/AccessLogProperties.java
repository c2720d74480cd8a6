package io.frontdesk.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether one JSON line per request goes to standard output
 * @param queueSize lines held while standard output is slow; past it lines are dropped and counted
 */
public record AccessLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("65536") int queueSize) {
}
