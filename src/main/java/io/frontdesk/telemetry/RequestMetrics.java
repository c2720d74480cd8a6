package io.frontdesk.telemetry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.frontdesk.balancer.Backend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Request metrics: {@code frontdesk_requests_seconds} (a histogram by route, pool, backend and
 * status class), {@code frontdesk_response_bytes_total} by route, and
 * {@code frontdesk_requests_in_flight}. Meters are looked up once per label set and kept, so a
 * request costs two map reads and no allocation.
 */
public final class RequestMetrics {

    /** Buckets for latency percentiles, from a fast cache hit to a slow report. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};
    private static final String[] STATUS_CLASSES = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final Object NO_BACKEND = new Object();

    private final MeterRegistry registry;
    private final Map<String, Map<Object, Timer[]>> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> bytes = new ConcurrentHashMap<>();
    private final LongAdder inFlight = new LongAdder();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("frontdesk.requests.in.flight", inFlight, LongAdder::sum)
                .description("Requests being handled now").register(registry);
    }

    void started() {
        inFlight.increment();
    }

    /** Exchanges started and not yet finished. */
    long inFlight() {
        return inFlight.sum();
    }

    void finished(String route, Backend backend, int status, long nanos, long responseBytes) {
        inFlight.decrement();
        Timer[] byStatus = timers.computeIfAbsent(route, key -> new ConcurrentHashMap<>())
                .computeIfAbsent(backend == null ? NO_BACKEND : backend, key -> new Timer[STATUS_CLASSES.length]);
        int statusClass = status >= 100 && status < 600 ? status / 100 : 0;
        Timer timer = byStatus[statusClass];
        if (timer == null) {
            timer = timer(route, backend, STATUS_CLASSES[statusClass]);
            byStatus[statusClass] = timer;
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
        if (responseBytes > 0) {
            bytes.computeIfAbsent(route, key -> Counter.builder("frontdesk.response.bytes")
                    .description("Response body bytes sent to clients").baseUnit("bytes").tag("route", key)
                    .register(registry)).increment(responseBytes);
        }
    }

    private Timer timer(String route, Backend backend, String statusClass) {
        return Timer.builder("frontdesk.requests")
                .description("Requests by route, backend and status class, from first byte in to last byte out")
                .tag("route", route)
                .tag("pool", backend == null ? "none" : backend.poolName())
                .tag("backend", backend == null ? "none" : backend.id())
                .tag("status", statusClass)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }
}
