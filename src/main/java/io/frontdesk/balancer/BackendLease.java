package io.frontdesk.balancer;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;

/**
 * The backend a pick chose, holding one of its in-flight slots until {@link #release()}. It is
 * the pool balancer's answer on the Spring Cloud LoadBalancer SPI. Releasing twice gives the slot
 * back once, so a lease given back on cancel, error and completion alike leaves the count exact,
 * which a backend that left its pool needs to see its last request end.
 */
public final class BackendLease implements Response<ServiceInstance> {

    private final Backend backend;
    private final AtomicBoolean released = new AtomicBoolean();

    BackendLease(Backend backend) {
        this.backend = backend;
    }

    public Backend backend() {
        return backend;
    }

    /** Gives the slot back, the first time only. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            backend.release();
        }
    }

    @Override
    public boolean hasServer() {
        return true;
    }

    @Override
    public ServiceInstance getServer() {
        return backend.instance();
    }

    @Override
    public String toString() {
        return "lease on " + backend;
    }
}
