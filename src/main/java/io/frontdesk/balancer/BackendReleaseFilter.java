package io.frontdesk.balancer;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import reactor.core.publisher.Mono;

/**
 * Gives back the backend's in-flight slot when the exchange ends, after the last response byte
 * or when the client goes away, so least-requests counts whole responses.
 */
public final class BackendReleaseFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).doFinally(signal -> release(exchange));
    }

    /** Gives back the slot an exchange holds, if it still holds one. */
    public static void release(ServerWebExchange exchange) {
        if (exchange.getAttributes().remove(BalancerAttributes.SLOT_HELD) != null) {
            Backend backend = exchange.getAttribute(BalancerAttributes.BACKEND);
            if (backend != null) {
                backend.release();
            }
        }
    }

    @Override
    public int getOrder() {
        return FilterOrder.BACKEND_RELEASE;
    }
}
