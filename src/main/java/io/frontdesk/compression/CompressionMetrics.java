package io.frontdesk.compression;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Responses compressed and the bytes before and after, by route and coding; counters looked up once each. */
final class CompressionMetrics {

    private record Meters(Counter responses, Counter bytesIn, Counter bytesOut) {
    }

    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    CompressionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void compressed(String route, Coding coding, long bytesIn, long bytesOut) {
        Meters counted = meters.computeIfAbsent(route + '\n' + coding.token(), key -> new Meters(
                Counter.builder("frontdesk.compression.responses").description("responses compressed")
                        .tag("route", route).tag("coding", coding.token()).register(registry),
                bytes(route, coding, "in"), bytes(route, coding, "out")));
        counted.responses.increment();
        counted.bytesIn.increment(bytesIn);
        counted.bytesOut.increment(bytesOut);
    }

    private Counter bytes(String route, Coding coding, String stage) {
        return Counter.builder("frontdesk.compression.bytes")
                .description("body bytes of compressed responses, before (in) and after (out) compression")
                .tag("route", route).tag("coding", coding.token()).tag("stage", stage).register(registry);
    }
}
