package io.frontdesk.shield;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code frontdesk_connections_open{listener}} and {@code frontdesk_connections_idle{listener}};
 * {@code frontdesk_connections_limit}, the bound on client connections (0: none);
 * {@code frontdesk_connections_refused_total{bound}} and
 * {@code frontdesk_connections_reclaimed_total{reason}}.
 */
final class ConnectionMeters {

    private final Map<Listener, AtomicInteger> open = new EnumMap<>(Listener.class);
    private final Map<Listener, AtomicInteger> idle = new EnumMap<>(Listener.class);
    private final Map<Bound, Counter> refused = new EnumMap<>(Bound.class);
    private final Map<Bound, Counter> reclaimed = new EnumMap<>(Bound.class);

    ConnectionMeters(MeterRegistry registry, int limit) {
        for (Listener listener : Listener.values()) {
            open.put(listener, gauge(registry, "frontdesk.connections.open", "Connections open, by listener", listener));
            idle.put(listener, gauge(registry, "frontdesk.connections.idle",
                    "Connections waiting for their next request, by listener (as of the last sweep, each second)",
                    listener));
        }
        Gauge.builder("frontdesk.connections.limit", () -> limit)
                .description("The bound on client connections (max-total); 0 for none").register(registry);
        for (Bound bound : Bound.values()) {
            if (bound != Bound.PRESSURE) {
                refused.put(bound, Counter.builder("frontdesk.connections.refused").tag("bound", bound.label())
                        .description("Connections closed as soon as accepted: a bound was reached with nothing idle to reclaim")
                        .register(registry));
            }
            reclaimed.put(bound, Counter.builder("frontdesk.connections.reclaimed").tag("reason", bound.label())
                    .description("Idle keep-alive connections closed to make room").register(registry));
        }
    }

    private static AtomicInteger gauge(MeterRegistry registry, String name, String description, Listener listener) {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder(name, value, AtomicInteger::get).tag("listener", listener.label()).description(description)
                .register(registry);
        return value;
    }

    void opened(Listener listener) {
        open.get(listener).incrementAndGet();
    }

    void closed(Listener listener) {
        open.get(listener).decrementAndGet();
    }

    void idle(Listener listener, int count) {
        idle.get(listener).set(count);
    }

    void refused(Bound bound) {
        refused.get(bound).increment();
    }

    void reclaimed(Bound bound) {
        reclaimed.get(bound).increment();
    }

    long refusedCount() {
        return (long) refused.values().stream().mapToDouble(Counter::count).sum();
    }

    long reclaimedCount() {
        return (long) reclaimed.values().stream().mapToDouble(Counter::count).sum();
    }
}
