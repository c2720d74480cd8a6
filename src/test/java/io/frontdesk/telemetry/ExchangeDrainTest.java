package io.frontdesk.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A shutdown waits at the drain for the exchanges still in flight, and no longer than its limit. */
class ExchangeDrainTest {

    private final RequestMetrics metrics = new RequestMetrics(new SimpleMeterRegistry());

    @Test
    void stopReturnsOnceTheLastExchangeInFlightHasFinished() throws Exception {
        ExchangeDrain drain = new ExchangeDrain(metrics, Duration.ofMinutes(1));
        drain.start();
        metrics.started();
        metrics.started();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(drain::stop);
        metrics.finished("web", null, 200, 1_000, 7);

        assertThat(stopped).as("one exchange is still in flight").isNotDone();
        assertThat(drain.isRunning()).isFalse();
        metrics.finished("web", null, 200, 1_000, 7);
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(metrics.inFlight()).isZero();
    }

    @Test
    void stopGivesUpOnAnExchangeThatNeverEndsAfterItsLimit() throws Exception {
        ExchangeDrain drain = new ExchangeDrain(metrics, Duration.ofMillis(50));
        drain.start();
        metrics.started();

        CompletableFuture.runAsync(drain::stop).get(10, TimeUnit.SECONDS);

        assertThat(metrics.inFlight()).isEqualTo(1);
    }

    /** Spring Boot stops a reactive web server in phase DEFAULT_PHASE - 2048 (WebServerStartStopLifecycle). */
    @Test
    void stopsAfterTheWebServerAndBeforeTheAccessLog() {
        int drain = new ExchangeDrain(metrics, Duration.ZERO).getPhase();
        int accessLog = new AccessLog(1, OutputStream.nullOutputStream()).getPhase();

        assertThat(drain).isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048).isGreaterThan(accessLog);
    }
}
