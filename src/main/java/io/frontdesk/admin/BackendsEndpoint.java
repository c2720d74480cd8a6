package io.frontdesk.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.frontdesk.balancer.BackendPool;
import io.frontdesk.balancer.BackendPools;
import io.frontdesk.balancer.EjectionReason;
import io.frontdesk.balancer.LatencyEstimate;
import io.frontdesk.balancer.MembershipStatus;

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
            EjectionReason reason = backend.ejectionReason(nowNanos);
            Instant ejectedUntil = reason != null ? now.plusNanos(backend.ejectedUntilNanos() - nowNanos) : null;
            LatencyEstimate latency = backend.latency();
            return new BackendView(backend.id(), backend.uri().toString(), backend.available(nowNanos),
                    backend.healthy(), ejectedUntil, reason == null ? null : reason.label(), backend.ejectionsTotal(),
                    backend.inFlight(), backend.weight(), backend.weight() * pool.warmupShare(backend),
                    latency.sampled() ? latency.meanNanos() / 1e6 : null);
        }).toList();
        MembershipStatus membership = pool.membershipStatus();
        return new PoolView(pool.algorithmName(), membership.source(), membership.lastRefresh(), membership.stale(),
                pool.panicking(), pool.inFlight(), backends);
    }

    /**
     * One pool. {@code source} is {@code static} or the discovery type; {@code lastRefresh}, set
     * once a discovery source has answered, is when it last did; {@code stale} is true while its
     * latest lookup failed or found nobody, so the backends are those of an earlier answer.
     */
    public record PoolView(String algorithm, String source, Instant lastRefresh, boolean stale, boolean panic,
            int inFlight, List<BackendView> backends) {
    }

    /**
     * One backend. {@code ejectionReason} ({@code failures} or {@code slow}) is set while it is
     * ejected; {@code latencyMillis} is its mean time to first byte, unset before its first answer.
     */
    public record BackendView(String id, String url, boolean up, boolean healthy, Instant ejectedUntil,
            String ejectionReason, long ejections, int inFlight, int weight, double effectiveWeight,
            Double latencyMillis) {
    }
}
