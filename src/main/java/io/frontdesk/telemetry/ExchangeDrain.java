package io.frontdesk.telemetry;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.springframework.context.SmartLifecycle;

/**
 * Holds a shutdown, once the web server has stopped, until the exchanges it let go of have ended.
 * Reactor Netty counts a request done once its response is sent, and a response whose body is a
 * single buffer is sent before the exchange itself ends, where its access log line, metrics and
 * span are made: without this wait a graceful shutdown could stop the access log first and lose
 * the lines of the last requests. Stops after the web server and before the access log.
 */
final class ExchangeDrain implements SmartLifecycle {

    private static final long CHECK_NANOS = Duration.ofMillis(2).toNanos();

    private final RequestMetrics metrics;
    private final long limitNanos;
    private volatile boolean running;

    /** @param limit the longest wait, for exchanges that do not end */
    ExchangeDrain(RequestMetrics metrics, Duration limit) {
        this.metrics = metrics;
        this.limitNanos = limit.toNanos();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + limitNanos;
        while (metrics.inFlight() > 0 && deadline - System.nanoTime() > 0) {
            LockSupport.parkNanos(CHECK_NANOS);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Between the web server's (DEFAULT_PHASE - 2048) and the access log's (DEFAULT_PHASE - 4096). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }
}
