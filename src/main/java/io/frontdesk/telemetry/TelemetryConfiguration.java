package io.frontdesk.telemetry;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.edge.ManagementPort;
import io.frontdesk.support.LogFile;
import io.frontdesk.tracing.Tracing;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/** Wires request metrics and the access log. */
@Configuration(proxyBeanMethods = false)
public class TelemetryConfiguration {

    /** How long a shutdown waits for exchanges the stopped server let go of; they end within milliseconds. */
    private static final Duration EXCHANGE_DRAIN_LIMIT = Duration.ofSeconds(5);

    @Bean
    RequestMetrics requestMetrics(MeterRegistry registry) {
        return new RequestMetrics(registry);
    }

    @Bean
    @ConditionalOnProperty(name = "frontdesk.access-log.enabled", matchIfMissing = true)
    AccessLog accessLog(FrontdeskProperties properties, MeterRegistry registry) {
        AccessLog log = new AccessLog(properties.accessLog().queueSize(),
                LogFile.open(properties.accessLog().path(), "frontdesk.access-log.path").out());
        FunctionCounter.builder("frontdesk.access.log.dropped", log, AccessLog::dropped)
                .description("Access log lines dropped because standard output could not keep up")
                .register(registry);
        return log;
    }

    @Bean
    @ConditionalOnProperty(name = "frontdesk.access-log.enabled", matchIfMissing = true)
    RefusedHeadLog refusedHeadLog(AccessLog accessLog) {
        return new RefusedHeadLog(accessLog);
    }

    @Bean
    ExchangeDrain exchangeDrain(RequestMetrics metrics) {
        return new ExchangeDrain(metrics, EXCHANGE_DRAIN_LIMIT);
    }

    @Bean
    TelemetryFilter telemetryFilter(RequestMetrics metrics, ObjectProvider<AccessLog> accessLog,
            ManagementPort managementPort, Tracing tracing) {
        return new TelemetryFilter(metrics, accessLog.getIfAvailable(), managementPort, tracing);
    }
}
