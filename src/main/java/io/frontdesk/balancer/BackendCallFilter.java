package io.frontdesk.balancer;

import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import io.frontdesk.edge.Failures;
import io.frontdesk.support.ContextBoundary;
import io.frontdesk.support.ExchangeEnd;
import reactor.core.publisher.Mono;

/**
 * Sends a request for {@code lb://POOL} to a backend of the pool and takes care of the outcome.
 * The backend comes from the pool's balancer, asked through the Spring Cloud LoadBalancer SPI;
 * the outcome, with the time to the response's first byte, feeds outlier detection and the
 * latency averages; an attempt that failed in a way that is safe to repeat
 * goes to a backend the request has not tried yet.
 *
 * <p>Safe to repeat means: the request never left (no connection, no TLS session, or the
 * connection closed before the request was written: any method, since the backend cannot have
 * seen it), or the backend closed before answering an idempotent request without a body. A
 * non-idempotent request that may have reached a backend is never replayed; {@link FailedAttempt}
 * decides which is which. Retries are bounded by the pool's attempts, and those of requests that
 * may have been served by its retry budget as well.
 *
 * <p>It takes the place of the framework's load-balancer client filter, which asks the
 * load-balancer context for its lifecycle beans and rebuilds request data on every request.
 */
public final class BackendCallFilter implements GlobalFilter, Ordered {

    private final BackendPools pools;
    private final LoadBalancerClientFactory clientFactory;
    private final Map<String, ReactorServiceInstanceLoadBalancer> balancers = new ConcurrentHashMap<>();

    public BackendCallFilter(BackendPools pools, LoadBalancerClientFactory clientFactory) {
        this.pools = pools;
        this.clientFactory = clientFactory;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        String schemePrefix = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_SCHEME_PREFIX_ATTR);
        if (url == null || !"lb".equals(url.getScheme()) && !"lb".equals(schemePrefix)) {
            return chain.filter(exchange);
        }
        BackendPool pool = url.getHost() == null ? null : pools.get(url.getHost());
        if (pool == null) {
            return Mono.error(new NoBackendAvailable(String.valueOf(url.getHost())));
        }
        ServerWebExchangeUtils.addOriginalRequestUrl(exchange, url);
        String scheme = "lb".equals(schemePrefix) ? url.getScheme() : null;
        return attempt(exchange, chain, pool, url, scheme, 1);
    }

    /**
     * One try on one backend. Its lease is given back here and nowhere else: at once when the try
     * fails or is cancelled, so that a retry no longer counts it; otherwise at the exchange's end,
     * when the response body, still to come when the response head completes this, has been
     * written or the client has gone.
     */
    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, BackendPool pool, URI poolUrl,
            String scheme, int attempt) {
        return balancer(pool).choose(new DefaultRequest<>(new ExchangeFacts(exchange)))
                .flatMap(response -> response instanceof BackendLease lease
                        ? leased(exchange, chain, pool, lease, scheme)
                        : Mono.error(new NoBackendAvailable(pool.name())))
                .onErrorResume(error -> {
                    Backend failed = exchange.getAttribute(BalancerAttributes.BACKEND);
                    if (failed == null) {
                        return Mono.error(error);
                    }
                    boolean hasBody = FailedAttempt.hasBody(exchange.getRequest().getHeaders());
                    Failures.Kind kind = FailedAttempt.kindOf(error,
                            exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) != null, hasBody);
                    if (kind != Failures.Kind.OTHER) {
                        pool.recordFailure(failed);
                    }
                    Set<Backend> tried = tried(exchange);
                    tried.add(failed);
                    if (attempt >= pool.maxAttempts() || exchange.getResponse().isCommitted()
                            || !FailedAttempt.safeToRepeat(kind, exchange.getRequest().getMethod(), hasBody)
                            || !pool.hasUntried(tried)) {
                        return Mono.error(error);
                    }
                    // A request that never reached a backend adds no load when sent elsewhere, so only
                    // repeats of requests that may have been served are charged to the budget.
                    boolean charged = kind != Failures.Kind.NEVER_SENT;
                    if (charged && !pool.tryAcquireRetry()) {
                        return Mono.error(error);
                    }
                    pool.countRetry();
                    exchange.getAttributes().remove(BalancerAttributes.BACKEND);
                    exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, poolUrl);
                    ServerWebExchangeUtils.reset(exchange);
                    Mono<Void> next = attempt(exchange, chain, pool, poolUrl, scheme, attempt + 1);
                    return charged ? next.doFinally(signal -> pool.releaseRetry()) : next;
                });
    }

    /** Sends on the leased backend, which the filters after this one find in the exchange. */
    private Mono<Void> leased(ServerWebExchange exchange, GatewayFilterChain chain, BackendPool pool,
            BackendLease lease, String scheme) {
        exchange.getAttributes().put(BalancerAttributes.BACKEND, lease.backend());
        try {
            return send(exchange, chain, pool, lease, scheme);
        } catch (RuntimeException e) {
            lease.release();
            return Mono.error(e);
        }
    }

    private Mono<Void> send(ServerWebExchange exchange, GatewayFilterChain chain, BackendPool pool,
            BackendLease lease, String scheme) {
        Backend backend = lease.backend();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
                backendUrl(lease.getServer(), exchange.getRequest().getURI(), scheme));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR, lease);
        long sentAt = System.nanoTime();
        // The chain ends with the routing filter, which completes when the response head has arrived.
        return ContextBoundary.around(chain.filter(exchange))
                .doOnSuccess(done -> {
                    recordAnswer(exchange, pool, backend, System.nanoTime() - sentAt);
                    ExchangeEnd.then(exchange, lease::release);
                })
                .doOnError(error -> {
                    if (Failures.kindOf(error) == Failures.Kind.TIMEOUT) {
                        pool.recordLatency(backend, System.nanoTime() - sentAt);
                    }
                    lease.release();
                })
                .doOnCancel(lease::release);
    }

    private ReactorServiceInstanceLoadBalancer balancer(BackendPool pool) {
        return balancers.computeIfAbsent(pool.name(),
                name -> clientFactory.getInstance(name, ReactorServiceInstanceLoadBalancer.class));
    }

    /** The request's path and query (as route filters left them) on the chosen backend. */
    static URI backendUrl(ServiceInstance instance, URI request, String scheme) {
        String host = instance.getHost();
        StringBuilder url = new StringBuilder(64)
                .append(scheme != null ? scheme : instance.isSecure() ? "https" : "http").append("://")
                .append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
                .append(':').append(instance.getPort());
        String path = request.getRawPath();
        url.append(path == null || path.isEmpty() ? "/" : path);
        if (request.getRawQuery() != null) {
            url.append('?').append(request.getRawQuery());
        }
        return URI.create(url.toString());
    }

    /**
     * Feeds a backend's answer to outlier detection and, unless it is a server error (a fast error
     * is no fast answer), its time to first byte to the latency averages.
     */
    private static void recordAnswer(ServerWebExchange exchange, BackendPool pool, Backend backend,
            long latencyNanos) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (backend == null || status == null) {
            return;
        }
        if (status.is5xxServerError()) {
            pool.recordFailure(backend);
        } else {
            pool.recordSuccess(backend);
            pool.recordLatency(backend, latencyNanos);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Backend> tried(ServerWebExchange exchange) {
        return (Set<Backend>) exchange.getAttributes().computeIfAbsent(BalancerAttributes.TRIED,
                key -> new HashSet<Backend>());
    }

    @Override
    public int getOrder() {
        return FilterOrder.BACKEND_CALL;
    }
}
