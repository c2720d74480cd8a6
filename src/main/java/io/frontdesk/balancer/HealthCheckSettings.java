package io.frontdesk.balancer;

import java.time.Duration;

/**
 * Active health checks of one pool, validated.
 *
 * @param enabled whether the pool is probed
 * @param path request path of the probe
 * @param interval time between probes of one backend
 * @param timeout how long one probe may take
 * @param minStatus lowest healthy status
 * @param maxStatus highest healthy status
 */
public record HealthCheckSettings(boolean enabled, String path, Duration interval, Duration timeout, int minStatus,
        int maxStatus) {

    boolean healthyStatus(int status) {
        return status >= minStatus && status <= maxStatus;
    }
}
