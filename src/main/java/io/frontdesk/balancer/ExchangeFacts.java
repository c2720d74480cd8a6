package io.frontdesk.balancer;

import java.util.Map;

import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

import io.frontdesk.edge.EdgeAttributes;

/**
 * A gateway exchange as the balancer reads it: the context of the load-balancer request that
 * {@link BackendCallFilter} makes. Headers and cookies are read only if the algorithm asks.
 */
final class ExchangeFacts implements RequestFacts {

    private final ServerWebExchange exchange;

    ExchangeFacts(ServerWebExchange exchange) {
        this.exchange = exchange;
    }

    Map<String, Object> attributes() {
        return exchange.getAttributes();
    }

    @Override
    public String clientAddress() {
        return exchange.getAttribute(EdgeAttributes.CLIENT_ADDRESS);
    }

    @Override
    public String header(String name) {
        return exchange.getRequest().getHeaders().getFirst(name);
    }

    @Override
    public String cookie(String name) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(name);
        return cookie == null ? null : cookie.getValue();
    }
}
