package io.frontdesk.support;

import java.util.Map;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

/**
 * An exchange with its request or its response replaced, as {@code exchange.mutate()} makes one,
 * but answering the calls the gateway makes dozens of times a request (the request, the response,
 * the attributes) itself. The framework's decorator hands each down to the exchange it wraps,
 * through every filter that replaced a part before it.
 */
public final class ExchangeWith extends ServerWebExchangeDecorator {

    private final ServerHttpRequest request;
    private final ServerHttpResponse response;
    private final Map<String, Object> attributes;

    private ExchangeWith(ServerWebExchange exchange, ServerHttpRequest request, ServerHttpResponse response) {
        super(exchange);
        this.request = request;
        this.response = response;
        this.attributes = exchange.getAttributes();
    }

    public static ServerWebExchange request(ServerWebExchange exchange, ServerHttpRequest request) {
        return new ExchangeWith(exchange, request, exchange.getResponse());
    }

    public static ServerWebExchange response(ServerWebExchange exchange, ServerHttpResponse response) {
        return new ExchangeWith(exchange, exchange.getRequest(), response);
    }

    public static ServerWebExchange parts(ServerWebExchange exchange, ServerHttpRequest request,
            ServerHttpResponse response) {
        return new ExchangeWith(exchange, request, response);
    }

    @Override
    public ServerHttpRequest getRequest() {
        return request;
    }

    @Override
    public ServerHttpResponse getResponse() {
        return response;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }
}
