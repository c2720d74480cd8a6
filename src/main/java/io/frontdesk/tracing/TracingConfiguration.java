package io.frontdesk.tracing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.net.AddressBlocks;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Tracing is on when spans have somewhere to go: a span exporter, which Spring Boot makes when
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} is set (and
 * {@code management.tracing.export.enabled} is not false). Otherwise no span is ever built.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TracingConfiguration.class);

    @Bean
    Tracing tracing(ObjectProvider<SpanExporter> exporters, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator, FrontdeskProperties properties) {
        AddressBlocks trusted = AddressBlocks.parse(properties.tracing().trustedClients(),
                "frontdesk.tracing.trusted-clients");
        Tracer available = tracer.getIfAvailable();
        if (exporters.stream().findAny().isEmpty() || available == null || available == Tracer.NOOP) {
            return Tracing.OFF;
        }
        log.info("Tracing on: spans are exported; trace context is continued from {}",
                trusted.isEmpty() ? "no client" : properties.tracing().trustedClients());
        return new Tracing(available, propagator.getIfAvailable(() -> Propagator.NOOP), trusted);
    }

    @Bean
    TraceContextHeadersFilter traceContextHeadersFilter(Tracing tracing) {
        return new TraceContextHeadersFilter(tracing);
    }
}
