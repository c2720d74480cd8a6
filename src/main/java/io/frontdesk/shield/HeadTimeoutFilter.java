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
 * Puts a {@link HeadTimeout} first in every public connection's pipeline, and tells it when each
 * request head has arrived and when its exchange is over.
 */
public final class HeadTimeoutFilter implements NettyServerCustomizer, WebFilter, Ordered {

    private final Duration timeout;
    private final Counter expired;

    public HeadTimeoutFilter(Duration timeout, MeterRegistry registry) {
        this.timeout = timeout;
        this.expired = Counter.builder("frontdesk.request.head.timeouts")
                .description("Connections closed because a request head did not arrive in time").register(registry);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                .addFirst(HeadTimeout.NAME, new HeadTimeout(timeout, expired)));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Channel channel = channel(exchange);
        if (channel == null) {
            return chain.filter(exchange);
        }
        if (channel instanceof Http2StreamChannel stream) {
            HeadTimeout parent = (HeadTimeout) stream.parent().pipeline().get(HeadTimeout.NAME);
            if (parent != null) {
                stream.parent().eventLoop().execute(parent::retire);
            }
            return chain.filter(exchange);
        }
        HeadTimeout head = (HeadTimeout) channel.pipeline().get(HeadTimeout.NAME);
        if (head == null) {
            return chain.filter(exchange);
        }
        onEventLoop(channel, head::headReceived);
        return chain.filter(exchange).doFinally(signal -> onEventLoop(channel, head::exchangeDone));
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
