package io.frontdesk.balancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.frontdesk.config.PoolProperties;
import io.frontdesk.config.PoolProperties.Algorithm;
import io.frontdesk.config.PoolProperties.BackendProperties;
import io.frontdesk.config.PoolProperties.BackendTlsProperties;
import io.frontdesk.config.PoolProperties.DiscoveryProperties;
import io.frontdesk.config.PoolProperties.DiscoveryType;
import io.frontdesk.config.PoolProperties.HealthCheckProperties;
import io.frontdesk.config.PoolProperties.LatencyProperties;
import io.frontdesk.config.PoolProperties.OutlierDetectionProperties;
import io.frontdesk.config.PoolProperties.RetryProperties;
import io.frontdesk.config.PoolProperties.SlowEjectionProperties;

/** Pools for tests, built through the same validation as configured ones. */
final class Pools {

    private Pools() {
    }

    static BackendPool pool(Algorithm algorithm, String hashOn, int[] weights) {
        return pool(algorithm, hashOn, weights, Duration.ZERO, outlier(5, 50));
    }

    static BackendPool pool(Algorithm algorithm, String hashOn, int[] weights, Duration slowStart,
            OutlierDetectionProperties outlier) {
        List<BackendProperties> backends = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            backends.add(new BackendProperties("http://10.0.0." + (i + 1) + ":8080", weights[i]));
        }
        DiscoveryProperties discovery = new DiscoveryProperties(DiscoveryType.STATIC, null, null, null, "http",
                Duration.ofSeconds(5));
        PoolProperties properties = new PoolProperties(backends, discovery, algorithm, hashOn, 50, slowStart,
                new LatencyProperties(Duration.ofSeconds(5)),
                new HealthCheckProperties(false, "/", Duration.ofSeconds(5), Duration.ofSeconds(2), "200-399", 2, 3),
                outlier, new RetryProperties(3, 20, 3), new BackendTlsProperties(null, null));
        return BackendPools.from(Map.of("test", properties)).get("test");
    }

    /** The backend a pick chose, its slot given back at once; {@code null} when none was left. */
    static Backend pickOnce(BackendPool pool, RequestFacts facts, Set<Backend> tried) {
        BackendLease lease = pool.pick(facts, tried);
        if (lease == null) {
            return null;
        }
        lease.release();
        return lease.backend();
    }

    static OutlierDetectionProperties outlier(int consecutiveFailures, int maxEjectionPercent) {
        return outlier(consecutiveFailures, maxEjectionPercent,
                new SlowEjectionProperties(true, 3, Duration.ofMillis(200), Duration.ofSeconds(10)));
    }

    static OutlierDetectionProperties outlier(int consecutiveFailures, int maxEjectionPercent,
            SlowEjectionProperties slow) {
        return new OutlierDetectionProperties(true, consecutiveFailures, Duration.ofSeconds(30),
                Duration.ofSeconds(300), maxEjectionPercent, slow);
    }

    static int[] equalWeights(int count) {
        int[] weights = new int[count];
        java.util.Arrays.fill(weights, 1);
        return weights;
    }

    /** Request facts with a fixed client address and header. */
    record Facts(String clientAddress, String headerValue) implements RequestFacts {

        @Override
        public String header(String name) {
            return headerValue;
        }

        @Override
        public String cookie(String name) {
            return null;
        }
    }
}
