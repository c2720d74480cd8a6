package io.frontdesk.balancer;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * One backend server of a pool and everything the pool knows about it right now: active
 * health, passive ejection, requests in flight, how fast it answers and its warm-up after a
 * recovery.
 */
public final class Backend {

    private final String id;
    private final String poolName;
    private final URI uri;
    private final int weight;
    private final ServiceInstance instance;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger poolInFlight;
    private final ActiveHealth health;
    private final OutlierState outlier = new OutlierState();
    private final LatencyEstimate latency;
    /** Start of the current slow start: the last recovery, or the end of the last ejection. */
    private volatile long warmupFromNanos;
    private volatile boolean everRecovered;

    Backend(String poolName, URI uri, int weight, ActiveHealth health, AtomicInteger poolInFlight,
            long latencyDecayNanos) {
        this.poolName = poolName;
        this.uri = uri;
        this.weight = weight;
        this.health = health;
        this.poolInFlight = poolInFlight;
        this.latency = new LatencyEstimate(latencyDecayNanos);
        this.id = idOf(uri);
        this.instance = new DefaultServiceInstance(id, poolName, uri.getHost(), uri.getPort(),
                "https".equals(uri.getScheme()));
    }

    /** The id of the backend at {@code uri}: its {@code host:port}. */
    static String idOf(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    /** {@code host:port}, unique within a pool. */
    public String id() {
        return id;
    }

    public String poolName() {
        return poolName;
    }

    public URI uri() {
        return uri;
    }

    /** The configured weight. */
    public int weight() {
        return weight;
    }

    /** The instance handed to Spring Cloud LoadBalancer. */
    public ServiceInstance instance() {
        return instance;
    }

    /** Time to first response byte, as recent averages. */
    public LatencyEstimate latency() {
        return latency;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Takes an in-flight slot, held by the lease returned. */
    BackendLease lease() {
        acquire();
        return new BackendLease(this);
    }

    void acquire() {
        inFlight.incrementAndGet();
        poolInFlight.incrementAndGet();
    }

    /** Gives back a slot; a {@link BackendLease} does, once. */
    void release() {
        inFlight.decrementAndGet();
        poolInFlight.decrementAndGet();
    }

    /** The verdict of active health checks (always true when the pool has none). */
    public boolean healthy() {
        return health.healthy();
    }

    ActiveHealth health() {
        return health;
    }

    OutlierState outlier() {
        return outlier;
    }

    /** Whether this backend may take new requests now: healthy and not ejected. */
    public boolean available(long nowNanos) {
        return health.healthy() && !outlier.ejectedAt(nowNanos);
    }

    /** Whether passive outlier detection keeps this backend out now. */
    public boolean ejected(long nowNanos) {
        return outlier.ejectedAt(nowNanos);
    }

    /** End of the current ejection in {@link System#nanoTime()} terms; meaningful while {@link #ejected}. */
    public long ejectedUntilNanos() {
        return outlier.ejectedUntilNanos();
    }

    /** Ejections since start. */
    public long ejectionsTotal() {
        return outlier.ejectionsTotal();
    }

    /** Ejections for this reason since start. */
    public long ejections(EjectionReason reason) {
        return outlier.ejections(reason);
    }

    /** Why passive outlier detection keeps this backend out now; {@code null} while it does not. */
    public EjectionReason ejectionReason(long nowNanos) {
        return outlier.ejectedAt(nowNanos) ? outlier.reason() : null;
    }

    public long probesSucceeded() {
        return health.succeeded();
    }

    public long probesFailed() {
        return health.failed();
    }

    /** Starts a slow start at the given time, which may lie ahead (the end of an ejection). */
    void startWarmup(long fromNanos) {
        warmupFromNanos = fromNanos;
        everRecovered = true;
    }

    /**
     * The share of its weight this backend has now: 1, except during the slow-start window after
     * a recovery, where it grows linearly from a tenth to the whole.
     */
    double warmupShare(long nowNanos, long slowStartNanos) {
        if (slowStartNanos <= 0 || !everRecovered) {
            return 1;
        }
        long elapsed = nowNanos - warmupFromNanos;
        if (elapsed >= slowStartNanos) {
            return 1;
        }
        return Math.max(0.1, (double) Math.max(elapsed, 0) / slowStartNanos);
    }

    @Override
    public String toString() {
        return poolName + "/" + id;
    }
}
