package io.frontdesk.balancer;

import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.ChannelHandlerContext;
import reactor.netty.channel.ChannelOperations;
import reactor.util.context.Context;

/**
 * What a backend connection's handlers need to know of the request in progress on it: the backend
 * it was sent to, against which the framing guard records violations, and the exchange it belongs
 * to, where an interim response is forwarded ({@code null} for a health check). It rides down to
 * the connection as one entry of the request's Reactor context: past five entries a context
 * becomes a hash map, copied whenever anything is added further down.
 */
public record BackendCall(Backend backend, ServerWebExchange exchange) {

    public Context into(Context context) {
        return context.put(BackendCall.class, this);
    }

    /** The call in progress on the connection of {@code ctx}, or {@code null}. */
    static BackendCall on(ChannelHandlerContext ctx) {
        ChannelOperations<?, ?> operations = ChannelOperations.get(ctx.channel());
        return operations == null ? null : operations.currentContext().getOrDefault(BackendCall.class, null);
    }
}
