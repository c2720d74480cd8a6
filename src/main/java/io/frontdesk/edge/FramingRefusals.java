package io.frontdesk.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code frontdesk_request_framing_refused_total}: requests refused for how they were framed, by reason. */
public final class FramingRefusals {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public FramingRefusals(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String reason) {
        counters.computeIfAbsent(reason, key -> Counter.builder("frontdesk.request.framing.refused")
                .description("Requests refused because they could be read more than one way, or not at all")
                .tag("reason", key).register(registry)).increment();
    }
}
