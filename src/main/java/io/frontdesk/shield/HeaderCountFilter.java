package io.frontdesk.shield;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import io.frontdesk.edge.RejectedRequest;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Refuses requests with more header fields than allowed, with 431; the decoder bounds their
 * total size, this bounds how many there are (a flood of tiny fields costs per field).
 */
public final class HeaderCountFilter implements WebFilter, Ordered {

    private final int maxHeaders;

    public HeaderCountFilter(int maxHeaders) {
        this.maxHeaders = maxHeaders;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        int fields = fieldCount(exchange.getRequest());
        if (fields > maxHeaders) {
            return Mono.error(new RejectedRequest(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header_count",
                    "The request has " + fields + " header fields; at most " + maxHeaders + " are accepted."));
        }
        return chain.filter(exchange);
    }

    /** Counted on the decoded head where there is one, without a list of values made per name. */
    private static int fieldCount(ServerHttpRequest request) {
        if (ServerHttpRequestDecorator.getNativeRequest(request) instanceof HttpServerRequest netty) {
            return netty.requestHeaders().size();
        }
        int[] fields = {0};
        request.getHeaders().forEach((name, values) -> fields[0] += values.size());
        return fields[0];
    }

    @Override
    public int getOrder() {
        return FilterOrder.REQUEST_HEAD_BOUNDS;
    }
}
