package io.frontdesk.balancer;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import io.frontdesk.edge.Failures;
import reactor.core.publisher.Mono;

/**
 * Wraps each attempt on a pool: feeds its outcome to outlier detection and, when it failed in a
 * way that is safe to repeat, sends the request to a backend it has not tried yet.
 *
 * <p>Safe to repeat means: the connection was never made (any method: the backend cannot have
 * seen the request), or the backend closed before answering an idempotent request without a
 * body. A non-idempotent request that may have reached a backend is never replayed. Retries
 * are bounded by the pool's attempts, and those of requests that may have been served by its
 * retry budget as well.
 */
public final class BackendRetryFilter implements GlobalFilter, Ordered {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

    private final BackendPools pools;

    public BackendRetryFilter(BackendPools pools) {
        this.pools = pools;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        BackendPool pool = url != null && "lb".equals(url.getScheme()) ? pools.get(url.getHost()) : null;
        if (pool == null) {
            return chain.filter(exchange);
        }
        return attempt(exchange, chain, pool, url, 1);
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, BackendPool pool, URI poolUrl,
            int attempt) {
        return chain.filter(exchange)
                .doOnSuccess(done -> recordAnswer(exchange, pool))
                .onErrorResume(error -> {
                    Failures.Kind kind = kindOf(error, exchange);
                    Backend failed = exchange.getAttribute(BalancerAttributes.BACKEND);
                    if (failed == null) {
                        return Mono.error(error);
                    }
                    if (kind != Failures.Kind.OTHER) {
                        pool.recordFailure(failed);
                    }
                    BackendReleaseFilter.release(exchange);
                    Set<Backend> tried = tried(exchange);
                    tried.add(failed);
                    if (attempt >= pool.maxAttempts() || !safeToRepeat(exchange, kind) || !pool.hasUntried(tried)) {
                        return Mono.error(error);
                    }
                    // A request that never reached a backend adds no load when sent elsewhere, so only
                    // repeats of requests that may have been served are charged to the budget.
                    boolean charged = kind != Failures.Kind.CONNECT;
                    if (charged && !pool.tryAcquireRetry()) {
                        return Mono.error(error);
                    }
                    pool.countRetry();
                    exchange.getAttributes().remove(BalancerAttributes.BACKEND);
                    exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, poolUrl);
                    ServerWebExchangeUtils.reset(exchange);
                    Mono<Void> next = attempt(exchange, chain, pool, poolUrl, attempt + 1);
                    return charged ? next.doFinally(signal -> pool.releaseRetry()) : next;
                });
    }

    /** A connection reset before any response header is a close before the response, whatever its exception. */
    private static Failures.Kind kindOf(Throwable error, ServerWebExchange exchange) {
        Failures.Kind kind = Failures.kindOf(error);
        boolean answered = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR) != null;
        return kind == Failures.Kind.IO && !answered ? Failures.Kind.CLOSED_BEFORE_RESPONSE : kind;
    }

    private static void recordAnswer(ServerWebExchange exchange, BackendPool pool) {
        Backend backend = exchange.getAttribute(BalancerAttributes.BACKEND);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (backend == null || status == null) {
            return;
        }
        if (status.is5xxServerError()) {
            pool.recordFailure(backend);
        } else {
            pool.recordSuccess(backend);
        }
    }

    private static boolean safeToRepeat(ServerWebExchange exchange, Failures.Kind kind) {
        if (exchange.getResponse().isCommitted()) {
            return false;
        }
        return switch (kind) {
            case CONNECT -> true;
            case CLOSED_BEFORE_RESPONSE -> IDEMPOTENT.contains(exchange.getRequest().getMethod())
                    && !hasBody(exchange.getRequest().getHeaders());
            default -> false;
        };
    }

    /** A body already sent cannot be sent again: it was streamed, not kept. */
    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    @SuppressWarnings("unchecked")
    private static Set<Backend> tried(ServerWebExchange exchange) {
        return (Set<Backend>) exchange.getAttributes().computeIfAbsent(BalancerAttributes.TRIED,
                key -> new HashSet<Backend>());
    }

    @Override
    public int getOrder() {
        return FilterOrder.BACKEND_RETRY;
    }
}
