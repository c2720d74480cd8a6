package io.frontdesk.support;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import reactor.core.publisher.Mono;

/**
 * The innermost web filter: a {@link ContextBoundary} around the gateway's handler, so that the
 * context lookups of route matching and of the gateway filters stop here rather than crossing
 * every web filter (and the framework's checkpoint between each two) on every request.
 */
public final class HandlerContextBoundary implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ContextBoundary.around(chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return FilterOrder.HANDLER_BOUNDARY;
    }
}
