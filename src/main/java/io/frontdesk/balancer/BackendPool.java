package io.frontdesk.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 */
public final class BackendPool {

    private static final Logger log = LoggerFactory.getLogger(BackendPool.class);

    private final String name;
    private final List<Backend> backends;
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
    private final boolean uniformWeights;
    private final SlowBackends slowBackends;

    BackendPool(String name, List<Backend> backends, AtomicInteger inFlight, String algorithmName,
            BalancingAlgorithm algorithm, HashKeySource hashKeySource, int panicThresholdPercent, long slowStartNanos,
            OutlierPolicy outlierPolicy, HealthCheckSettings healthCheck, int maxAttempts, RetryBudget retryBudget) {
        this.name = name;
        this.backends = List.copyOf(backends);
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
        this.uniformWeights = !algorithm.usesConfiguredWeights()
                || backends.stream().mapToInt(Backend::weight).distinct().count() == 1;
        this.slowBackends = new SlowBackends(outlierPolicy.slow(), backends.size());
    }

    public String name() {
        return name;
    }

    public List<Backend> backends() {
        return backends;
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
     * Chooses a backend for a request and takes an in-flight slot on it, which the caller gives
     * back with {@link Backend#release()}. Backends in {@code tried} are avoided; {@code null}
     * means no backend is left to try.
     */
    public Backend pick(RequestFacts facts, Set<Backend> tried) {
        long now = System.nanoTime();
        List<Backend> candidates = available(now);
        if (candidates.isEmpty()) {
            return null;
        }
        Backend chosen = algorithm.pick(selection(candidates, now, facts, tried));
        if (chosen != null) {
            chosen.acquire();
        }
        return chosen;
    }

    /** Whether a backend outside {@code tried} could take the request now. */
    public boolean hasUntried(Set<Backend> tried) {
        for (Backend backend : available(System.nanoTime())) {
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
    private List<Backend> available(long now) {
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

    private Selection selection(List<Backend> candidates, long now, RequestFacts facts, Set<Backend> tried) {
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
        for (SlowBackends.Verdict verdict : slowBackends.evaluate(backends, nowNanos)) {
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
