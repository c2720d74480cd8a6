package io.frontdesk.balancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.SmartLifecycle;

import io.frontdesk.tls.BackendTls;
import io.frontdesk.tls.PoolTlsClients;
import io.frontdesk.tracing.TraceSpan;
import io.frontdesk.tracing.Tracing;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Active health checks: every backend of a pool with checks enabled is probed with an HTTP GET
 * at the pool's interval; the answer's status (within the timeout) is a success or a failure,
 * and the pool's rise/fall counting turns those into health. Probes run on Reactor Netty's
 * event loops without blocking; a round never overlaps the previous one.
 */
public final class HealthChecker implements SmartLifecycle {

    private final BackendPools pools;
    private final PoolTlsClients poolTls;
    private final UpstreamFraming framing;
    private final Tracing tracing;
    private final List<Disposable> schedules = new ArrayList<>();
    private ConnectionProvider connections;
    private volatile boolean running;

    public HealthChecker(BackendPools pools, PoolTlsClients poolTls, UpstreamFraming framing, Tracing tracing) {
        this.pools = pools;
        this.poolTls = poolTls;
        this.framing = framing;
        this.tracing = tracing;
    }

    @Override
    public synchronized void start() {
        connections = ConnectionProvider.builder("frontdesk-health-checks").maxConnections(64)
                .maxIdleTime(Duration.ofSeconds(30)).build();
        // Probes share connections too: bytes past one probe's answer must not answer the next.
        HttpClient client = framing.untimed(HttpClient.create(connections)
                .headers(headers -> headers.set(HttpHeaderNames.USER_AGENT, "frontdesk-health-check")));
        for (BackendPool pool : pools.all()) {
            HealthCheckSettings settings = pool.healthCheck();
            if (!settings.enabled()) {
                continue;
            }
            HttpClient plainClient = client.responseTimeout(settings.timeout());
            BackendTls tls = poolTls.get(pool.name());
            schedules.add(Flux.interval(Duration.ZERO, settings.interval())
                    .onBackpressureDrop()
                    .concatMap(tick -> {
                        // Secured each round, so that probes follow reloaded TLS material.
                        HttpClient roundClient = tls == null ? plainClient : tls.secure(plainClient);
                        return Flux.fromIterable(pool.backends())
                                .flatMap(backend -> probe(roundClient, settings, pool, backend)
                                        .doOnNext(healthy -> pool.recordProbe(backend, healthy)))
                                .then();
                    }, 1)
                    .subscribe());
        }
        running = true;
    }

    /** One probe, which with tracing on is a trace of its own. */
    private Mono<Boolean> probe(HttpClient client, HealthCheckSettings settings, BackendPool pool, Backend backend) {
        String url = backend.uri().resolve(settings.path()).toString();
        TraceSpan span = tracing.startHealthCheck(pool.name(), backend.id(), url);
        HttpClient traced = span == TraceSpan.NONE ? client : client.headers(headers -> span.inject(headers::set));
        return traced.get()
                .uri(url)
                .responseSingle((response, body) -> body.thenReturn(response.status().code()))
                .doOnNext(status -> span.tag("http.response.status_code", status))
                .map(settings::healthyStatus)
                .timeout(settings.timeout())
                .doOnError(span::error)
                .onErrorReturn(false)
                .doFinally(signal -> span.end())
                .contextWrite(new BackendCall(backend, null)::into);
    }

    @Override
    public synchronized void stop() {
        schedules.forEach(Disposable::dispose);
        schedules.clear();
        if (connections != null) {
            connections.dispose();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
