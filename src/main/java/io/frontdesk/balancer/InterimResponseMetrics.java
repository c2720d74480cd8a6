package io.frontdesk.balancer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Informational responses from backends: 103s sent on to the client or not, and the other 1xx, dropped. */
final class InterimResponseMetrics {

    private static final String NAME = "frontdesk.backend.interim.responses";
    private static final String DESCRIPTION = "Informational (1xx) responses from backends, other than 100 and 101";

    private final Counter earlyHintsForwarded;
    private final Counter earlyHintsDropped;
    private final Counter otherDropped;

    InterimResponseMetrics(MeterRegistry registry) {
        this.earlyHintsForwarded = counter(registry, "103", "forwarded");
        this.earlyHintsDropped = counter(registry, "103", "dropped");
        this.otherDropped = counter(registry, "other", "dropped");
    }

    private static Counter counter(MeterRegistry registry, String status, String outcome) {
        return Counter.builder(NAME).tag("status", status).tag("outcome", outcome).description(DESCRIPTION)
                .register(registry);
    }

    void earlyHints(boolean forwarded) {
        (forwarded ? earlyHintsForwarded : earlyHintsDropped).increment();
    }

    void otherDropped() {
        otherDropped.increment();
    }
}
