package io.frontdesk.edge;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.FilterOrder;
import io.frontdesk.support.ExchangeEnd;
import reactor.core.publisher.Mono;

/** Opens the {@link ExchangeEnd} of a routed request around everything the route does, response body included. */
public final class ExchangeEndFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ExchangeEnd.around(exchange, chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return FilterOrder.EXCHANGE_END;
    }
}
