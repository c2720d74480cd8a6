package io.frontdesk.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One pool of backend servers.
 *
 * @param backends the servers, each a URL and a weight, when the pool lists them itself
 * @param discovery where the pool finds its servers instead: {@code static} (the default) reads
 *        {@code backends}
 * @param algorithm how a backend is picked for each request
 * @param hashOn what consistent-hash hashes: client-ip, header:NAME or cookie:NAME
 * @param panicThreshold percent of available backends under which the pool spreads over all of them
 * @param slowStart how long a recovered backend takes to reach its full share; 0 turns it off
 * @param latency how backend latency is averaged
 * @param healthCheck active health checks
 * @param outlierDetection passive ejection of failing backends
 * @param retry retries on another backend
 * @param tls TLS to the pool's https:// backends
 */
public record PoolProperties(
        List<BackendProperties> backends,
        @DefaultValue DiscoveryProperties discovery,
        @DefaultValue("least-latency") Algorithm algorithm,
        @DefaultValue("client-ip") String hashOn,
        @DefaultValue("50") int panicThreshold,
        @DefaultValue("0s") Duration slowStart,
        @DefaultValue LatencyProperties latency,
        @DefaultValue HealthCheckProperties healthCheck,
        @DefaultValue OutlierDetectionProperties outlierDetection,
        @DefaultValue RetryProperties retry,
        @DefaultValue BackendTlsProperties tls) {

    public PoolProperties {
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    /** How a pool picks a backend; see docs/load-balancing.md. */
    public enum Algorithm {
        ROUND_ROBIN, WEIGHTED_ROUND_ROBIN, LEAST_REQUESTS, LEAST_LATENCY, CONSISTENT_HASH
    }

    /** Where a pool's members come from. */
    public enum DiscoveryType {
        STATIC, DNS, SERVICE_REGISTRY
    }

    /**
     * @param type {@code static}: the pool's {@code backends}; {@code dns}: one member per A or
     *        AAAA record of {@code name}, looked up again and again; {@code service-registry}: one
     *        member per instance of {@code serviceId} that Spring Cloud's discovery client knows
     * @param name the DNS name, such as a headless Service's {@code shop.shop.svc.cluster.local}
     * @param port the members' port (dns)
     * @param serviceId the service id a registry knows the members by, such as a Kubernetes
     *        Service's name
     * @param scheme {@code http} or {@code https} (the pool's tls settings apply)
     * @param refresh the longest time between two lookups; a shorter record TTL shortens it
     */
    public record DiscoveryProperties(
            @DefaultValue("static") DiscoveryType type,
            String name,
            Integer port,
            String serviceId,
            @DefaultValue("http") String scheme,
            @DefaultValue("5s") Duration refresh) {
    }

    /**
     * @param url {@code http://host:port} (or https); no path
     * @param weight relative share for the weighted algorithms, at least 1
     */
    public record BackendProperties(String url, @DefaultValue("1") int weight) {
    }

    /**
     * @param decay time constant of the latency averages: a sample's weight falls to 1/e after
     *        this long, and an average not fed for this long has shrunk to 1/e of itself
     */
    public record LatencyProperties(@DefaultValue("5s") Duration decay) {
    }

    /**
     * @param enabled whether the pool is probed at all
     * @param path the request path of the probe
     * @param interval time between probes of one backend
     * @param timeout how long one probe may take
     * @param expectedStatus the healthy status range, such as {@code 200-399} or {@code 200}
     * @param rise consecutive successes that make an unhealthy backend healthy
     * @param fall consecutive failures that make a healthy backend unhealthy
     */
    public record HealthCheckProperties(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("/") String path,
            @DefaultValue("5s") Duration interval,
            @DefaultValue("2s") Duration timeout,
            @DefaultValue("200-399") String expectedStatus,
            @DefaultValue("2") int rise,
            @DefaultValue("3") int fall) {
    }

    /**
     * @param enabled whether failing and slow backends are ejected
     * @param consecutiveFailures 5xx answers or connection failures in a row that eject a backend
     * @param baseEjectionTime the first ejection's length; the n-th lasts n times as long
     * @param maxEjectionTime the cap on one ejection's length
     * @param maxEjectionPercent the most of the pool that may be ejected at once (at least one backend)
     * @param slow ejection of backends that stay slow, under algorithms that do not avoid them
     */
    public record OutlierDetectionProperties(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5") int consecutiveFailures,
            @DefaultValue("30s") Duration baseEjectionTime,
            @DefaultValue("300s") Duration maxEjectionTime,
            @DefaultValue("50") int maxEjectionPercent,
            @DefaultValue SlowEjectionProperties slow) {
    }

    /**
     * @param enabled whether backends that stay slow are ejected (under round-robin,
     *        weighted-round-robin and consistent-hash; the least-* algorithms avoid them by themselves)
     * @param factor how many times the pool's median latency a backend's latency must exceed
     * @param minLatency the latency a backend must exceed in any case
     * @param window how long a backend must stay above both before it is ejected
     */
    public record SlowEjectionProperties(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("3") double factor,
            @DefaultValue("200ms") Duration minLatency,
            @DefaultValue("10s") Duration window) {
    }

    /**
     * @param maxAttempts tries in all, the first one included; 1 turns retries off
     * @param budgetPercent retries in progress may be at most this share of the requests in progress
     * @param minRetryConcurrency retries always allowed at once, whatever the budget says
     */
    public record RetryProperties(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("20") int budgetPercent,
            @DefaultValue("3") int minRetryConcurrency) {
    }

    /**
     * @param bundle a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}): its trust material holds
     *        the CAs that backend certificates must chain to, its key material the client
     *        certificate presented to backends; unset, the JVM's default CAs and no client certificate
     * @param serverName the name sent by SNI and required in the backend's certificate; unset,
     *        the host of the backend's URL
     */
    public record BackendTlsProperties(String bundle, String serverName) {

        public boolean configured() {
            return bundle != null || serverName != null;
        }
    }
}
