package io.frontdesk.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.frontdesk.balancer.BackendPool;
import io.frontdesk.balancer.BackendPools;

/** {@code /actuator/backends}: every pool and backend as the balancer sees it now. Read-only. */
@Endpoint(id = "backends")
public class BackendsEndpoint {

    private final BackendPools pools;

    public BackendsEndpoint(BackendPools pools) {
        this.pools = pools;
    }

    @ReadOperation
    public Map<String, PoolView> pools() {
        return pools.all().stream().collect(java.util.stream.Collectors.toMap(BackendPool::name, BackendsEndpoint::view,
                (a, b) -> a, java.util.TreeMap::new));
    }

    @ReadOperation
    public PoolView pool(@Selector String name) {
        BackendPool pool = pools.get(name);
        return pool == null ? null : view(pool);
    }

    private static PoolView view(BackendPool pool) {
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        List<BackendView> backends = pool.backends().stream().map(backend -> {
            boolean ejected = backend.ejected(nowNanos);
            Instant ejectedUntil = ejected ? now.plusNanos(backend.ejectedUntilNanos() - nowNanos) : null;
            return new BackendView(backend.id(), backend.uri().toString(), backend.available(nowNanos),
                    backend.healthy(), ejectedUntil, backend.ejectionsTotal(), backend.inFlight(), backend.weight(),
                    backend.weight() * pool.warmupShare(backend));
        }).toList();
        return new PoolView(pool.algorithmName(), pool.panicking(), pool.inFlight(), backends);
    }

    /** One pool. */
    public record PoolView(String algorithm, boolean panic, int inFlight, List<BackendView> backends) {
    }

    /** One backend. */
    public record BackendView(String id, String url, boolean up, boolean healthy, Instant ejectedUntil,
            long ejections, int inFlight, int weight, double effectiveWeight) {
    }
}
