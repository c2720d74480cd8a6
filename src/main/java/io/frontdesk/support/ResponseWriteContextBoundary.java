package io.frontdesk.support;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import reactor.core.publisher.Mono;

/**
 * A {@link ContextBoundary} right around the framework's response writer, which looks the
 * context up for every buffer it writes: those lookups stop here rather than crossing every
 * gateway and web filter around it.
 */
public final class ResponseWriteContextBoundary implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ContextBoundary.around(chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return FilterOrder.RESPONSE_WRITE_BOUNDARY;
    }
}
