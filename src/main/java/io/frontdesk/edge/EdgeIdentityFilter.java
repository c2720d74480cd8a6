package io.frontdesk.edge;

import java.net.InetSocketAddress;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import reactor.core.publisher.Mono;

/**
 * First step of every request: who the client is (through the trusted proxies) and which id
 * the request carries. Both go into exchange attributes; the id also goes back to the client.
 */
public final class EdgeIdentityFilter implements WebFilter, Ordered {

    private final TrustedProxies trustedProxies;
    private final String requestIdHeader;

    public EdgeIdentityFilter(TrustedProxies trustedProxies, String requestIdHeader) {
        this.trustedProxies = trustedProxies;
        this.requestIdHeader = requestIdHeader;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        exchange.getAttributes().put(EdgeAttributes.CLIENT_ADDRESS, clientAddress(request));
        String requestId = request.getHeaders().getFirst(requestIdHeader);
        if (!RequestIds.wellFormed(requestId)) {
            requestId = RequestIds.generate();
        }
        exchange.getAttributes().put(EdgeAttributes.REQUEST_ID, requestId);
        exchange.getResponse().getHeaders().set(requestIdHeader, requestId);
        return chain.filter(exchange);
    }

    private String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        String peer = remote.getAddress().getHostAddress();
        if (trustedProxies.isEmpty()) {
            return peer;
        }
        return trustedProxies.clientAddress(peer, remote.getAddress().getAddress(),
                request.getHeaders().get("X-Forwarded-For"));
    }

    @Override
    public int getOrder() {
        return FilterOrder.EDGE_IDENTITY;
    }
}
