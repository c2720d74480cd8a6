package io.frontdesk.edge;

import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;

/**
 * Puts a handler of ours beside the framework's HTTP/1.1 handler once that exists: at once on a
 * plain listener, after the TLS handshake and protocol negotiation on an encrypted one. It looks
 * before the first request's bytes reach the decoder, then leaves; an HTTP/2 connection gets no
 * handler. In front of the framework's handler ours sees every request head as it is decoded,
 * pipelined ones included; behind it, one request at a time, as the framework takes them on.
 */
public final class Http1Handlers {

    private Http1Handlers() {
    }

    /** Arranges for {@code handler} to be added under {@code name} to {@code channel}, in front of the framework's, when it turns out to speak HTTP/1.1. */
    public static void installBeforeTrafficHandler(Channel channel, String name, Supplier<ChannelHandler> handler) {
        channel.pipeline().addFirst(name + ".installer", new Installer(name, handler, true));
    }

    /** Arranges for {@code handler} to be added under {@code name} to {@code channel}, behind the framework's, when it turns out to speak HTTP/1.1. */
    public static void installAfterTrafficHandler(Channel channel, String name, Supplier<ChannelHandler> handler) {
        channel.pipeline().addFirst(name + ".installer", new Installer(name, handler, false));
    }

    private static final class Installer extends ChannelInboundHandlerAdapter {

        private final String name;
        private final Supplier<ChannelHandler> handler;
        private final boolean inFront;

        Installer(String name, Supplier<ChannelHandler> handler, boolean inFront) {
            this.name = name;
            this.handler = handler;
            this.inFront = inFront;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelPipeline pipeline = ctx.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                if (inFront) {
                    pipeline.addBefore(NettyPipeline.HttpTrafficHandler, name, handler.get());
                } else {
                    pipeline.addAfter(NettyPipeline.HttpTrafficHandler, name, handler.get());
                }
                pipeline.remove(this);
            } else if (pipeline.get(NettyPipeline.H2MultiplexHandler) != null) {
                pipeline.remove(this);
            }
            ctx.fireChannelRead(msg);
        }
    }
}
