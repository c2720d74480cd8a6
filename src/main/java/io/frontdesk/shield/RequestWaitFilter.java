package io.frontdesk.shield;

import java.time.Duration;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.frontdesk.FilterOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServer;

/**
 * Puts a {@link RequestWait} first in every public connection's pipeline, and tells it when each
 * request head has arrived and when its exchange is over.
 */
public final class RequestWaitFilter implements NettyServerCustomizer, WebFilter, Ordered {

    private final long headTimeoutNanos;
    private final long idleTimeoutNanos;
    private final Counter headTimeouts;

    public RequestWaitFilter(Duration headTimeout, Duration idleTimeout, MeterRegistry registry) {
        this.headTimeoutNanos = headTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.headTimeouts = Counter.builder("frontdesk.request.head.timeouts")
                .description("Connections closed because a request head did not arrive in time").register(registry);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                .addFirst(RequestWait.NAME, new RequestWait(headTimeoutNanos, idleTimeoutNanos, headTimeouts)));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Channel channel = channel(exchange);
        if (channel == null) {
            return chain.filter(exchange);
        }
        if (channel instanceof Http2StreamChannel stream) {
            RequestWait parent = (RequestWait) stream.parent().pipeline().get(RequestWait.NAME);
            if (parent != null) {
                stream.parent().eventLoop().execute(parent::retire);
            }
            return chain.filter(exchange);
        }
        RequestWait wait = (RequestWait) channel.pipeline().get(RequestWait.NAME);
        if (wait == null) {
            return chain.filter(exchange);
        }
        onEventLoop(channel, wait::headReceived);
        return chain.filter(exchange).doFinally(signal -> onEventLoop(channel, wait::exchangeDone));
    }

    private static void onEventLoop(Channel channel, Runnable step) {
        if (channel.eventLoop().inEventLoop()) {
            step.run();
        } else {
            channel.eventLoop().execute(step);
        }
    }

    private static Channel channel(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return request instanceof Connection connection ? connection.channel() : null;
    }

    @Override
    public int getOrder() {
        return FilterOrder.HEAD_RECEIVED;
    }
}
