package io.frontdesk.balancer;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.frontdesk.balancer.algorithm.Algorithms;
import io.frontdesk.balancer.algorithm.BalancingAlgorithm;
import io.frontdesk.config.Choices;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.PoolProperties;
import io.frontdesk.config.PoolProperties.BackendProperties;

/** Every configured pool by name, built from {@code frontdesk.pools} and validated key by key. */
public final class BackendPools {

    private static final Pattern POOL_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern DNS_NAME = Pattern.compile(
            "[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
    private static final Pattern SERVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern STATUS_RANGE = Pattern.compile("([1-5][0-9][0-9])(?:-([1-5][0-9][0-9]))?");

    private final Map<String, BackendPool> byName;

    private BackendPools(Map<String, BackendPool> byName) {
        this.byName = byName;
    }

    /** Builds every pool; the first invalid value stops start-up with a message naming its key. */
    public static BackendPools from(Map<String, PoolProperties> pools) {
        Map<String, BackendPool> byName = new LinkedHashMap<>();
        new TreeMap<>(pools).forEach((name, properties) -> byName.put(name, build(name, properties)));
        return new BackendPools(Map.copyOf(byName));
    }

    /** The pool of that name, or {@code null}. */
    public BackendPool get(String name) {
        return byName.get(name);
    }

    public Collection<BackendPool> all() {
        return byName.values();
    }

    private static BackendPool build(String name, PoolProperties properties) {
        String prefix = "frontdesk.pools." + name;
        if (!POOL_NAME.matcher(name).matches()) {
            throw new InvalidConfigurationException(prefix,
                    "a pool name must be lower-case letters, digits and inner hyphens, so that lb://" + name
                            + " is a valid URI");
        }
        switch (properties.discovery().type()) {
            case STATIC -> validateStatic(prefix, properties);
            case DNS -> validateDnsDiscovery(prefix, properties);
            case SERVICE_REGISTRY -> validateServiceRegistry(prefix, properties);
        }
        BalancingAlgorithm algorithm = Algorithms.create(properties.algorithm());
        HashKeySource hashKey = properties.algorithm() == PoolProperties.Algorithm.CONSISTENT_HASH
                ? HashKeySource.parse(prefix + ".hash-on", properties.hashOn()) : null;
        requirePercent(prefix + ".panic-threshold", properties.panicThreshold());
        requireNotNegative(prefix + ".slow-start", properties.slowStart());
        requirePositive(prefix + ".latency.decay", properties.latency().decay());
        HealthCheckSettings healthCheck = healthCheck(prefix + ".health-check", properties.healthCheck());
        OutlierPolicy outlier = outlierPolicy(prefix + ".outlier-detection", properties.outlierDetection());
        PoolProperties.RetryProperties retry = properties.retry();
        requireAtLeast(prefix + ".retry.max-attempts", retry.maxAttempts(), 1);
        requirePercent(prefix + ".retry.budget-percent", retry.budgetPercent());
        requireAtLeast(prefix + ".retry.min-retry-concurrency", retry.minRetryConcurrency(), 0);

        AtomicInteger inFlight = new AtomicInteger();
        MemberFactory members = new MemberFactory(name, properties.healthCheck().rise(),
                properties.healthCheck().fall(), healthCheck.enabled(), inFlight,
                properties.latency().decay().toNanos());
        List<Backend> backends = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < properties.backends().size(); i++) {
            String key = prefix + ".backends[" + i + "]";
            BackendProperties backend = properties.backends().get(i);
            URI uri = backendUri(key + ".url", backend.url());
            if (properties.tls().configured() && !"https".equals(uri.getScheme())) {
                throw new InvalidConfigurationException(key + ".url", "the pool has tls settings, so '"
                        + backend.url() + "' must be an https:// URL; plain and TLS backends belong in separate pools");
            }
            requireAtLeast(key + ".weight", backend.weight(), 1);
            Backend built = members.initial(uri, backend.weight());
            if (!ids.add(built.id())) {
                throw new InvalidConfigurationException(key + ".url", built.id() + " is listed twice in the pool");
            }
            backends.add(built);
        }
        return new BackendPool(name, Choices.written(properties.discovery().type()), backends, members, inFlight,
                Choices.written(properties.algorithm()), algorithm, hashKey, properties.panicThreshold(),
                properties.slowStart().toNanos(), outlier, healthCheck, retry.maxAttempts(),
                new RetryBudget(retry.budgetPercent(), retry.minRetryConcurrency()));
    }

    private static void validateStatic(String prefix, PoolProperties properties) {
        PoolProperties.DiscoveryProperties discovery = properties.discovery();
        if (discovery.name() != null || discovery.port() != null || discovery.serviceId() != null) {
            throw new InvalidConfigurationException(prefix + ".discovery.type",
                    "discovery.name and discovery.port are read with type: dns only, discovery.service-id with"
                            + " type: service-registry only; set the type, or list backends and drop them");
        }
        if (properties.backends().isEmpty()) {
            throw new InvalidConfigurationException(prefix + ".backends",
                    "the pool has no backends; list them, or find them with discovery.type: dns or"
                            + " service-registry");
        }
    }

    private static void validateDnsDiscovery(String prefix, PoolProperties properties) {
        String key = prefix + ".discovery";
        PoolProperties.DiscoveryProperties discovery = properties.discovery();
        validateDiscovered(prefix, properties);
        if (discovery.serviceId() != null) {
            throw new InvalidConfigurationException(key + ".service-id",
                    "is read with type: service-registry only; a dns pool looks up discovery.name");
        }
        if (discovery.name() == null || discovery.name().isBlank()) {
            throw new InvalidConfigurationException(key + ".name",
                    "a dns pool needs the name to look up, such as shop.shop.svc.cluster.local");
        }
        if (!DNS_NAME.matcher(discovery.name()).matches()) {
            throw new InvalidConfigurationException(key + ".name",
                    "'" + discovery.name() + "' is not a DNS name; give the name alone, without scheme or port");
        }
        if (discovery.port() == null) {
            throw new InvalidConfigurationException(key + ".port", "a dns pool needs the port of its members");
        }
        if (discovery.port() < 1 || discovery.port() > 65535) {
            throw new InvalidConfigurationException(key + ".port",
                    "must be a port from 1 to 65535, was " + discovery.port());
        }
    }

    private static void validateServiceRegistry(String prefix, PoolProperties properties) {
        String key = prefix + ".discovery";
        PoolProperties.DiscoveryProperties discovery = properties.discovery();
        validateDiscovered(prefix, properties);
        if (discovery.name() != null || discovery.port() != null) {
            throw new InvalidConfigurationException(key + (discovery.name() != null ? ".name" : ".port"),
                    "is read with type: dns only; a service-registry pool takes each instance's address and port"
                            + " from the registry");
        }
        if (discovery.serviceId() == null || discovery.serviceId().isBlank()) {
            throw new InvalidConfigurationException(key + ".service-id",
                    "a service-registry pool needs the service id its members are registered under, such as a"
                            + " Kubernetes Service's name");
        }
        if (!SERVICE_ID.matcher(discovery.serviceId()).matches()) {
            throw new InvalidConfigurationException(key + ".service-id",
                    "'" + discovery.serviceId() + "' is not a service id: letters, digits, '.', '_', ':' and '-'"
                            + " only, as a registry names a service");
        }
    }

    /** What every pool that discovers its members needs: no backends of its own, a scheme, a refresh. */
    private static void validateDiscovered(String prefix, PoolProperties properties) {
        String key = prefix + ".discovery";
        PoolProperties.DiscoveryProperties discovery = properties.discovery();
        if (!properties.backends().isEmpty()) {
            throw new InvalidConfigurationException(prefix + ".backends",
                    "the pool finds its members with discovery.type: " + Choices.written(discovery.type())
                            + "; list backends or discover them, not both");
        }
        if (!"http".equals(discovery.scheme()) && !"https".equals(discovery.scheme())) {
            throw new InvalidConfigurationException(key + ".scheme",
                    "must be http or https, was '" + discovery.scheme() + "'");
        }
        if (properties.tls().configured() && !"https".equals(discovery.scheme())) {
            throw new InvalidConfigurationException(key + ".scheme",
                    "the pool has tls settings, so its members must be reached over https");
        }
        requirePositive(key + ".refresh", discovery.refresh());
    }

    static URI backendUri(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(key, "a backend needs a URL such as http://10.0.0.7:8080");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(key, "'" + value + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new InvalidConfigurationException(key,
                    "'" + value + "' must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new InvalidConfigurationException(key, "'" + value + "' names no host");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new InvalidConfigurationException(key,
                    "'" + value + "' must be scheme://host:port only; paths belong to routes");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return URI.create(scheme + "://" + uri.getHost() + ":" + port);
    }

    private static HealthCheckSettings healthCheck(String prefix, PoolProperties.HealthCheckProperties check) {
        if (check.path() == null || !check.path().startsWith("/")) {
            throw new InvalidConfigurationException(prefix + ".path", "the probe path must start with /");
        }
        requirePositive(prefix + ".interval", check.interval());
        requirePositive(prefix + ".timeout", check.timeout());
        requireAtLeast(prefix + ".rise", check.rise(), 1);
        requireAtLeast(prefix + ".fall", check.fall(), 1);
        Matcher range = STATUS_RANGE.matcher(check.expectedStatus() == null ? "" : check.expectedStatus().trim());
        if (!range.matches()) {
            throw new InvalidConfigurationException(prefix + ".expected-status",
                    "'" + check.expectedStatus() + "' is not a status or a range such as 200-399");
        }
        int min = Integer.parseInt(range.group(1));
        int max = range.group(2) == null ? min : Integer.parseInt(range.group(2));
        if (max < min) {
            throw new InvalidConfigurationException(prefix + ".expected-status",
                    "the range " + check.expectedStatus() + " ends before it starts");
        }
        return new HealthCheckSettings(check.enabled(), check.path(), check.interval(), check.timeout(), min, max);
    }

    private static OutlierPolicy outlierPolicy(String prefix, PoolProperties.OutlierDetectionProperties outlier) {
        requireAtLeast(prefix + ".consecutive-failures", outlier.consecutiveFailures(), 1);
        requirePositive(prefix + ".base-ejection-time", outlier.baseEjectionTime());
        requirePositive(prefix + ".max-ejection-time", outlier.maxEjectionTime());
        if (outlier.maxEjectionTime().compareTo(outlier.baseEjectionTime()) < 0) {
            throw new InvalidConfigurationException(prefix + ".max-ejection-time",
                    "must not be shorter than base-ejection-time");
        }
        requirePercent(prefix + ".max-ejection-percent", outlier.maxEjectionPercent());
        return new OutlierPolicy(outlier.enabled(), outlier.consecutiveFailures(),
                outlier.baseEjectionTime().toNanos(), outlier.maxEjectionTime().toNanos(),
                outlier.maxEjectionPercent(), slowEjection(prefix + ".slow", outlier.slow()));
    }

    private static SlowEjectionPolicy slowEjection(String prefix, PoolProperties.SlowEjectionProperties slow) {
        if (!(slow.factor() > 1) || Double.isInfinite(slow.factor())) {
            throw new InvalidConfigurationException(prefix + ".factor",
                    "must be a number greater than 1 (times the pool's median latency), was " + slow.factor());
        }
        requireNotNegative(prefix + ".min-latency", slow.minLatency());
        requirePositive(prefix + ".window", slow.window());
        return new SlowEjectionPolicy(slow.enabled(), slow.factor(), slow.minLatency().toNanos(),
                slow.window().toNanos());
    }

    private static void requirePercent(String key, int value) {
        if (value < 0 || value > 100) {
            throw new InvalidConfigurationException(key, "must be a percentage from 0 to 100, was " + value);
        }
    }

    private static void requireAtLeast(String key, int value, int min) {
        if (value < min) {
            throw new InvalidConfigurationException(key, "must be at least " + min + ", was " + value);
        }
    }

    private static void requireNotNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new InvalidConfigurationException(key, "must not be negative, was " + value);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(key, "must be longer than zero, was " + value);
        }
    }
}
