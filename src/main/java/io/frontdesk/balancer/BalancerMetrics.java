package io.frontdesk.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Pool and backend state as metrics, read from the pools when Prometheus scrapes, so requests
 * pay nothing for them. A backend's meters come with it when it joins its pool and go when it
 * leaves.
 */
public final class BalancerMetrics implements MeterBinder {

    private final BackendPools pools;

    public BalancerMetrics(BackendPools pools) {
        this.pools = pools;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<Backend, List<Meter>> backendMeters = new ConcurrentHashMap<>();
        for (BackendPool pool : pools.all()) {
            Tags poolTag = Tags.of("pool", pool.name());
            Gauge.builder("frontdesk.pool.panic", pool, p -> p.panicking() ? 1 : 0).tags(poolTag)
                    .description("1 while fewer backends are available than the panic threshold asks for")
                    .strongReference(true).register(registry);
            FunctionCounter.builder("frontdesk.pool.panic.picks", pool, BackendPool::panicPicks).tags(poolTag)
                    .description("Picks made over all backends because the pool was in panic").register(registry);
            FunctionCounter.builder("frontdesk.retries", pool, BackendPool::retries).tags(poolTag)
                    .description("Requests sent again to another backend").register(registry);
            FunctionCounter.builder("frontdesk.retries.refused", pool, BackendPool::retriesRefusedByBudget)
                    .tags(poolTag.and("reason", "budget"))
                    .description("Retries not made because the retry budget was spent").register(registry);
            Gauge.builder("frontdesk.pool.in.flight", pool, BackendPool::inFlight).tags(poolTag)
                    .description("Requests in flight to the pool").strongReference(true).register(registry);
            Gauge.builder("frontdesk.pool.members", pool, p -> p.backends().size())
                    .tags(poolTag.and("source", pool.membershipStatus().source()))
                    .description("Backends in the pool, as its source names them").strongReference(true)
                    .register(registry);
            Gauge.builder("frontdesk.pool.stale", pool, p -> p.membershipStatus().stale() ? 1 : 0).tags(poolTag)
                    .description("1 while the pool's source failed or named nobody at its last lookup, so the"
                            + " pool keeps its earlier members").strongReference(true).register(registry);
            pool.watchMembers((changed, added, removed) -> {
                added.forEach(backend -> backendMeters.put(backend,
                        bindBackend(registry, changed, backend, poolTag.and("backend", backend.id()))));
                removed.forEach(backend -> backendMeters.remove(backend).forEach(registry::remove));
            });
        }
    }

    private static List<Meter> bindBackend(MeterRegistry registry, BackendPool pool, Backend backend, Tags tags) {
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder("frontdesk.backend.up", backend, b -> b.available(System.nanoTime()) ? 1 : 0)
                .tags(tags)
                .description("1 when the backend may take traffic: healthy and not ejected")
                .strongReference(true).register(registry));
        meters.add(Gauge.builder("frontdesk.backend.healthy", backend, b -> b.healthy() ? 1 : 0).tags(tags)
                .description("Verdict of active health checks").strongReference(true).register(registry));
        for (EjectionReason reason : EjectionReason.values()) {
            Tags reasonTags = tags.and("reason", reason.label());
            meters.add(Gauge.builder("frontdesk.backend.ejected", backend,
                    b -> b.ejectionReason(System.nanoTime()) == reason ? 1 : 0).tags(reasonTags)
                    .description("1 while passive outlier detection keeps the backend out for this reason")
                    .strongReference(true).register(registry));
            meters.add(FunctionCounter.builder("frontdesk.backend.ejections", backend, b -> b.ejections(reason))
                    .tags(reasonTags)
                    .description("Ejections by outlier detection").register(registry));
        }
        meters.add(Gauge.builder("frontdesk.backend.latency", backend, BalancerMetrics::latencySeconds).tags(tags)
                .baseUnit("seconds").description("Mean time to first response byte over the pool's latency decay;"
                        + " NaN before the first answer").strongReference(true).register(registry));
        meters.add(Gauge.builder("frontdesk.backend.in.flight", backend, Backend::inFlight).tags(tags)
                .description("Requests in flight to the backend").strongReference(true).register(registry));
        meters.add(Gauge.builder("frontdesk.backend.weight", backend, b -> b.weight() * pool.warmupShare(b))
                .tags(tags)
                .description("Effective weight, reduced during slow start").strongReference(true).register(registry));
        meters.add(FunctionCounter.builder("frontdesk.backend.health.checks", backend, Backend::probesSucceeded)
                .tags(tags.and("result", "success")).description("Active health probes").register(registry));
        meters.add(FunctionCounter.builder("frontdesk.backend.health.checks", backend, Backend::probesFailed)
                .tags(tags.and("result", "failure")).description("Active health probes").register(registry));
        return meters;
    }

    private static double latencySeconds(Backend backend) {
        LatencyEstimate latency = backend.latency();
        return latency.sampled() ? latency.meanNanos() / 1e9 : Double.NaN;
    }
}
