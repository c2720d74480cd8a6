package io.frontdesk.config;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Frontdesk's part of tracing; whether spans are exported, where and how many, is Spring Boot's
 * {@code management.tracing.*} and {@code management.opentelemetry.tracing.*}.
 *
 * @param trustedClients CIDR blocks (or single addresses) of the peers whose trace context
 *        ({@code traceparent}, {@code tracestate}) the gateway continues; from any other peer a
 *        request starts a trace of its own
 */
public record TracingProperties(@DefaultValue List<String> trustedClients) {
}
