package io.frontdesk.balancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Evaluates the latencies of every pool that ejects slow backends ten times per window, on
 * Reactor's parallel scheduler, never on an event loop: the requests only record samples.
 */
public final class SlowBackendDetector implements SmartLifecycle {

    private final BackendPools pools;
    private final List<Disposable> schedules = new ArrayList<>();
    private volatile boolean running;

    public SlowBackendDetector(BackendPools pools) {
        this.pools = pools;
    }

    @Override
    public synchronized void start() {
        for (BackendPool pool : pools.all()) {
            if (pool.ejectsSlowBackends()) {
                Duration interval = Duration.ofNanos(pool.slowEvaluationIntervalNanos());
                schedules.add(Flux.interval(interval, interval)
                        .onBackpressureDrop()
                        .subscribe(tick -> pool.ejectSlowBackends(System.nanoTime())));
            }
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        schedules.forEach(Disposable::dispose);
        schedules.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
