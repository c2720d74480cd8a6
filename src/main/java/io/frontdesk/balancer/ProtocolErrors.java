package io.frontdesk.balancer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts and logs each response from a backend that broke HTTP/1.1 framing, once. */
public final class ProtocolErrors {

    private static final Logger log = LoggerFactory.getLogger(ProtocolErrors.class);

    private final MeterRegistry registry;

    public ProtocolErrors(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param backend the backend of the connection's latest request, or {@code null} outside pools
     * @param address the connection's remote address, naming the backend outside pools
     */
    void record(Backend backend, String address, FramingViolation violation) {
        String pool = backend == null ? "none" : backend.poolName();
        String id = backend == null ? address : backend.id();
        Counter.builder("frontdesk.backend.protocol.errors")
                .description("Responses from backends that broke HTTP/1.1 framing; each closed its connection")
                .tags("pool", pool, "backend", id, "reason", violation.label())
                .register(registry).increment();
        log.warn("Backend {} of pool {} {}; its connection is closed and not reused", id, pool,
                violation.description());
    }
}
