package io.frontdesk.balancer;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.frontdesk.balancer.algorithm.BalancingAlgorithm;
import io.frontdesk.balancer.algorithm.Selection;

/**
 * A named farm of backends and the policy that spreads requests over it: which backends may
 * take traffic (health, ejection, panic threshold), with what weight (slow start), chosen by
 * which algorithm, and how failures feed back into ejections and retries.
 *
 * <p>The members are an immutable snapshot that a discovery source may replace at run time
 * ({@link #replaceMembers}); a pick works on the snapshot it read, so a backend that leaves
 * takes no new requests and finishes those it has.
 */
public final class BackendPool {

    private static final Logger log = LoggerFactory.getLogger(BackendPool.class);

    private final String name;
    private final MemberFactory memberFactory;
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Members members;
    private volatile MembershipStatus status;
    private final String algorithmName;
    private final BalancingAlgorithm algorithm;
    private final HashKeySource hashKeySource;
    private final int panicThresholdPercent;
    private final long slowStartNanos;
    private final OutlierPolicy outlierPolicy;
    private final HealthCheckSettings healthCheck;
    private final int maxAttempts;
    private final RetryBudget retryBudget;
    private final AtomicInteger inFlight;
    private final LongAdder panicPicks = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder retriesRefusedByBudget = new LongAdder();
    private final SlowBackends slowBackends;

    BackendPool(String name, String source, List<Backend> backends, MemberFactory memberFactory,
            AtomicInteger inFlight, String algorithmName, BalancingAlgorithm algorithm, HashKeySource hashKeySource,
            int panicThresholdPercent, long slowStartNanos, OutlierPolicy outlierPolicy,
            HealthCheckSettings healthCheck, int maxAttempts, RetryBudget retryBudget) {
        this.name = name;
        this.status = new MembershipStatus(source, null, false);
        this.memberFactory = memberFactory;
        this.inFlight = inFlight;
        this.algorithmName = algorithmName;
        this.algorithm = algorithm;
        this.hashKeySource = hashKeySource;
        this.panicThresholdPercent = panicThresholdPercent;
        this.slowStartNanos = algorithm.supportsSlowStart() ? slowStartNanos : 0;
        this.outlierPolicy = outlierPolicy;
        this.healthCheck = healthCheck;
        this.maxAttempts = maxAttempts;
        this.retryBudget = retryBudget;
        this.members = new Members(backends, algorithm);
        this.slowBackends = new SlowBackends(outlierPolicy.slow());
    }

    /** One snapshot of the members, with what the algorithm needs to know of their weights. */
    private record Members(List<Backend> backends, boolean uniformWeights) {

        Members(List<Backend> backends, BalancingAlgorithm algorithm) {
            this(List.copyOf(backends), !algorithm.usesConfiguredWeights()
                    || backends.stream().mapToInt(Backend::weight).distinct().count() <= 1);
        }
    }

    public String name() {
        return name;
    }

    /** The members now: a snapshot that later changes do not touch. */
    public List<Backend> backends() {
        return members.backends();
    }

    public MembershipStatus membershipStatus() {
        return status;
    }

    /**
     * Makes the backends at {@code uris} the pool's members, as a discovery source found them at
     * {@code refreshedAt}. A backend that stays keeps its state; one that joins starts its slow
     * start (and waits for its first health probe when checks are on), except in a pool
     * that has no members, which they fill as configured backends would; one that leaves takes no
     * new requests. Listeners hear of the change before this returns.
     */
    public synchronized void replaceMembers(Collection<URI> uris, Instant refreshedAt) {
        boolean first = members.backends().isEmpty();
        Map<String, Backend> leaving = new LinkedHashMap<>();
        for (Backend backend : members.backends()) {
            leaving.put(backend.id(), backend);
        }
        List<Backend> next = new ArrayList<>();
        List<Backend> added = new ArrayList<>();
        long now = System.nanoTime();
        Set<String> ids = new HashSet<>();
        for (URI uri : uris) {
            String id = Backend.idOf(uri);
            if (!ids.add(id)) {
                continue;
            }
            Backend staying = leaving.remove(id);
            if (staying != null) {
                next.add(staying);
                continue;
            }
            Backend joining = first ? memberFactory.initial(uri, 1) : memberFactory.joining(uri, now);
            next.add(joining);
            added.add(joining);
        }
        members = new Members(next, algorithm);
        status = new MembershipStatus(status.source(), refreshedAt, false);
        List<Backend> removed = List.copyOf(leaving.values());
        algorithm.membersChanged(members.backends());
        if (!added.isEmpty() || !removed.isEmpty()) {
            log.info("Pool {} from {}: {} added, {} removed, {} members now", name, status.source(), added, removed,
                    next.size());
            for (MembershipListener listener : listeners) {
                listener.membersChanged(this, List.copyOf(added), removed);
            }
        }
    }

    /** The source could not be asked, or named nobody: the members stay, flagged as stale. */
    public synchronized void markStale() {
        status = new MembershipStatus(status.source(), status.lastRefresh(), true);
    }

    /** Hears of every later change, after being told of the current members as added. */
    public synchronized void watchMembers(MembershipListener listener) {
        listener.membersChanged(this, members.backends(), List.of());
        listeners.add(listener);
    }

    public String algorithmName() {
        return algorithmName;
    }

    public HealthCheckSettings healthCheck() {
        return healthCheck;
    }

    /** Tries in all for one request, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Chooses a backend for a request and takes an in-flight slot on it, held by the lease
     * returned until the caller releases it. Backends in {@code tried} are avoided; {@code null}
     * means no backend is left to try.
     */
    public BackendLease pick(RequestFacts facts, Set<Backend> tried) {
        long now = System.nanoTime();
        Members current = members;
        List<Backend> candidates = available(current.backends(), now);
        if (candidates.isEmpty()) {
            return null;
        }
        Backend chosen = algorithm.pick(selection(candidates, current.uniformWeights(), now, facts, tried));
        return chosen == null ? null : chosen.lease();
    }

    /** Whether a backend outside {@code tried} could take the request now. */
    public boolean hasUntried(Set<Backend> tried) {
        for (Backend backend : available(members.backends(), System.nanoTime())) {
            if (!tried.contains(backend)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The backends that may take traffic: the healthy, non-ejected ones, or all of them when
     * fewer than the panic threshold are (Envoy's panic mode: better to try every server than to
     * overload the few that are left or to fail every request).
     */
    private List<Backend> available(List<Backend> backends, long now) {
        List<Backend> up = null;
        for (int i = 0; i < backends.size(); i++) {
            Backend backend = backends.get(i);
            boolean available = backend.available(now);
            if (up == null && !available) {
                up = new ArrayList<>(backends.subList(0, i));
            } else if (up != null && available) {
                up.add(backend);
            }
        }
        if (up == null) {
            return backends;
        }
        if (up.size() * 100 < panicThresholdPercent * backends.size()) {
            panicPicks.increment();
            return backends;
        }
        return up;
    }

    private Selection selection(List<Backend> candidates, boolean uniformWeights, long now, RequestFacts facts,
            Set<Backend> tried) {
        double[] weights = new double[candidates.size()];
        boolean weighted = false;
        for (int i = 0; i < weights.length; i++) {
            Backend backend = candidates.get(i);
            double weight = algorithm.usesConfiguredWeights() ? backend.weight() : 1;
            weights[i] = weight * backend.warmupShare(now, slowStartNanos);
            weighted |= i > 0 && weights[i] != weights[0];
        }
        String key = hashKeySource == null ? null : hashKeySource.keyOf(facts);
        return new Selection(candidates, weights, weighted || !uniformWeights && candidates.size() > 1, tried, key,
                now);
    }

    /** A backend answered without a server error: its run of failures ends. */
    public void recordSuccess(Backend backend) {
        backend.outlier().recordSuccess();
    }

    /** A backend's time to first response byte for one request (or the time waited when it timed out). */
    public void recordLatency(Backend backend, long latencyNanos) {
        backend.latency().record(latencyNanos, System.nanoTime());
    }

    /** A backend failed (5xx, refused, reset, timed out); enough in a row eject it. */
    public void recordFailure(Backend backend) {
        if (!outlierPolicy.enabled()) {
            return;
        }
        if (backend.outlier().recordFailure() >= outlierPolicy.consecutiveFailures()) {
            long now = System.nanoTime();
            int ejection = tryEject(backend, EjectionReason.FAILURES, now);
            if (ejection > 0) {
                log.warn("Backend {} ejected for {} ms after {} failures in a row (ejection #{})", backend,
                        (backend.ejectedUntilNanos() - now) / 1_000_000, outlierPolicy.consecutiveFailures(),
                        ejection);
            }
        }
    }

    /**
     * Whether backends that stay slow are ejected: when outlier detection and its slow part are
     * on and the algorithm does not avoid slow backends by itself.
     */
    public boolean ejectsSlowBackends() {
        return outlierPolicy.enabled() && outlierPolicy.slow().enabled() && !algorithm.avoidsSlowBackends();
    }

    /** How often {@link #ejectSlowBackends} should run. */
    long slowEvaluationIntervalNanos() {
        return outlierPolicy.slow().evaluationIntervalNanos();
    }

    /** One evaluation of latencies: ejects the backends that have stayed slow for a whole window. */
    void ejectSlowBackends(long nowNanos) {
        for (SlowBackends.Verdict verdict : slowBackends.evaluate(members.backends(), nowNanos)) {
            Backend backend = verdict.backend();
            int ejection = tryEject(backend, EjectionReason.SLOW, nowNanos);
            if (ejection > 0) {
                log.warn("Backend {} ejected for {} ms: its time to first byte, {} ms on average, stayed above {} ms"
                        + " (the larger of {} x the pool's median of {} ms and min-latency) for {} ms"
                        + " (ejection #{})", backend, (backend.ejectedUntilNanos() - nowNanos) / 1_000_000,
                        millis(verdict.meanNanos()), millis(verdict.thresholdNanos()), outlierPolicy.slow().factor(),
                        millis(verdict.medianNanos()), outlierPolicy.slow().windowNanos() / 1_000_000, ejection);
            }
        }
    }

    private static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /**
     * Ejects a backend unless it is out already or the pool has ejected as many as it may; the
     * one way in, whatever the reason, so that backoff, the ejection cap and slow start apply to
     * all. Returns the ejection's number in the backend's current run of ejections, 0 for none.
     */
    private synchronized int tryEject(Backend backend, EjectionReason reason, long now) {
        if (backend.outlier().ejectedAt(now)) {
            return 0;
        }
        List<Backend> backends = members.backends();
        int ejected = 0;
        for (Backend other : backends) {
            if (other.outlier().ejectedAt(now)) {
                ejected++;
            }
        }
        if (ejected >= outlierPolicy.maxEjected(backends.size())) {
            return 0;
        }
        long until = backend.outlier().eject(now, outlierPolicy.baseEjectionNanos(), outlierPolicy.maxEjectionNanos(),
                reason);
        backend.startWarmup(until);
        return backend.outlier().ejections();
    }

    /** Applies one active health probe's result. */
    void recordProbe(Backend backend, boolean succeeded) {
        switch (backend.health().record(succeeded)) {
            case BECAME_HEALTHY -> {
                backend.startWarmup(System.nanoTime());
                log.info("Backend {} is healthy again", backend);
            }
            case BECAME_UNHEALTHY -> log.warn("Backend {} is unhealthy: its health check failed", backend);
            case NONE -> {
            }
        }
    }

    /** Takes a retry slot if this pool's retry budget allows one; give it back with {@link #releaseRetry()}. */
    public boolean tryAcquireRetry() {
        if (retryBudget.tryAcquire(inFlight.get())) {
            return true;
        }
        retriesRefusedByBudget.increment();
        return false;
    }

    /** Counts a retry about to be made. */
    public void countRetry() {
        retries.increment();
    }

    public void releaseRetry() {
        retryBudget.release();
    }

    /** Whether fewer backends are available than the panic threshold asks for. */
    public boolean panicking() {
        long now = System.nanoTime();
        List<Backend> backends = members.backends();
        long up = backends.stream().filter(backend -> backend.available(now)).count();
        return up * 100 < (long) panicThresholdPercent * backends.size();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public long panicPicks() {
        return panicPicks.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long retriesRefusedByBudget() {
        return retriesRefusedByBudget.sum();
    }

    /** Share of full weight a backend has now, 1 when not warming up. */
    public double warmupShare(Backend backend) {
        return backend.warmupShare(System.nanoTime(), slowStartNanos);
    }
}
