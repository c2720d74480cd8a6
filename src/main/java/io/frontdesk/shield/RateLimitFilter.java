package io.frontdesk.shield;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import io.frontdesk.edge.EdgeAttributes;
import io.frontdesk.edge.RejectedRequest;
import reactor.core.publisher.Mono;

/**
 * The rate limits of one route. Each request takes a token from the bucket of every limit; when
 * one limit has none, the tokens taken from the others are given back and the answer is 429 with
 * Retry-After, and the refusal counts as an offence of the client (enough of them earn a ban).
 * Allow-listed clients pass unlimited. Every answer carries the RateLimit-Policy and RateLimit fields of the IETF draft
 * (draft-ietf-httpapi-ratelimit-headers), one item per limit.
 */
final class RateLimitFilter implements GatewayFilter, Ordered {

    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String STATE_HEADER = "RateLimit";

    private final List<Limiter> limiters;
    private final RateLimitMetrics metrics;
    private final ClientOffences offences;
    private final String policy;

    RateLimitFilter(List<Limiter> limiters, RateLimitMetrics metrics, ClientOffences offences) {
        this.limiters = limiters;
        this.metrics = metrics;
        this.offences = offences;
        this.policy = limiters.stream().map(limiter -> limiter.limit().policyItem()).collect(Collectors.joining(", "));
    }

    @Override
    public int getOrder() {
        return FilterOrder.RATE_LIMIT;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getAttribute(ShieldAttributes.ALLOW_LISTED) != null) {
            return chain.filter(exchange);
        }
        return check(exchange, chain, routeId(exchange), new String[limiters.size()], 0, new StringBuilder());
    }

    /** Takes a token from limit {@code i} and the ones after it, then passes the request on. */
    private Mono<Void> check(ServerWebExchange exchange, GatewayFilterChain chain, String route, String[] keys, int i,
            StringBuilder state) {
        if (i == limiters.size()) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set(POLICY_HEADER, policy);
            headers.set(STATE_HEADER, state.toString());
            return chain.filter(exchange);
        }
        Limiter limiter = limiters.get(i);
        keys[i] = limiter.limit().key().of(exchange);
        return limiter.acquire(keys[i]).flatMap(decision -> {
            metrics.decided(route, limiter.limit().name(), decision.allowed());
            if (!decision.allowed()) {
                for (int j = 0; j < i; j++) {
                    limiters.get(j).refund(keys[j]);
                }
                offences.offence(exchange.getAttribute(EdgeAttributes.CLIENT_ADDRESS), "rate_limit",
                        "refused by the rate limit '" + limiter.limit().name() + "'");
                return Mono.error(limited(limiter.limit(), decision));
            }
            appendItem(state, limiter.limit(), decision);
            return check(exchange, chain, route, keys, i + 1, state);
        });
    }

    private RejectedRequest limited(RateLimit limit, Decision decision) {
        HttpHeaders headers = new HttpHeaders();
        long retryAfter = seconds(decision.retryAfterNanos());
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        headers.set(POLICY_HEADER, policy);
        headers.set(STATE_HEADER, appendItem(new StringBuilder(), limit, decision).toString());
        return new RejectedRequest(HttpStatus.TOO_MANY_REQUESTS, "rate_limit", "Too many requests: the limit '" + limit.name()
                + "' allows " + limit.rate().count() + " per " + limit.rate().period().toString().substring(2)
                        .toLowerCase(java.util.Locale.ROOT)
                + " with bursts of " + limit.burst() + ". Retry after " + retryAfter + " s.", headers);
    }

    private static StringBuilder appendItem(StringBuilder state, RateLimit limit, Decision decision) {
        if (!state.isEmpty()) {
            state.append(", ");
        }
        return state.append('"').append(limit.name()).append("\";r=").append(decision.remaining()).append(";t=")
                .append(seconds(decision.resetNanos()));
    }

    /** Whole seconds, rounded up: a client that waits this long is allowed. */
    private static long seconds(long nanos) {
        return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "unknown" : route.getId();
    }
}
