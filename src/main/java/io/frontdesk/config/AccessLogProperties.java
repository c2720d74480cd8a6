package io.frontdesk.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether one JSON line is written per request
 * @param path the file the lines are appended to, or {@code stdout}
 * @param queueSize lines held while the output is slow; past it lines are dropped and counted
 */
public record AccessLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("stdout") String path,
        @DefaultValue("65536") int queueSize) {
}
