package io.frontdesk.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import reactor.core.publisher.Mono;

/**
 * Refuses CONNECT with 405: a reverse proxy opens no tunnels, and a CONNECT passed to a backend
 * would leave the pooled connection to it in tunnel mode, hanging the next request that reuses it.
 */
public final class ConnectRefusalFilter implements WebFilter, Ordered {

    private static final HttpMethod CONNECT = HttpMethod.valueOf("CONNECT");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CONNECT.equals(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        return Mono.error(new RejectedRequest(HttpStatus.METHOD_NOT_ALLOWED, "connect",
                "CONNECT is not served: this is a reverse proxy, not a forward one.", headers));
    }

    @Override
    public int getOrder() {
        return FilterOrder.CONNECT_REFUSAL;
    }
}
