package io.frontdesk.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.http.server.HttpServer;

/**
 * Makes sure an HTTP/1.1 connection goes on reading once a response has been written whole.
 * Reactor Netty reads the next request only when asked to. When a request arrives while the one
 * before it is still being answered, it waits in a queue; if it is then answered at once, the
 * framework (up to Reactor Netty 1.3.7) forgets to ask for the next read, and the connection's
 * next request stays unread until the client gives up. Asking once more after the last part of
 * every response costs nothing when a read is already pending.
 */
public final class NextRequestReading implements NettyServerCustomizer {

    private static final String NAME = "frontdesk.nextRequestReading";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) ->
                Http1Handlers.installBeforeTrafficHandler(channel, NAME, ReadAfterResponse::new));
    }

    private static final class ReadAfterResponse extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean responseEnds = msg instanceof LastHttpContent;
            ctx.write(msg, promise);
            if (responseEnds) {
                // After whatever the framework does on the response's end in this turn of the event loop.
                Channel channel = ctx.channel();
                channel.eventLoop().execute(() -> {
                    if (channel.isActive()) {
                        channel.read();
                    }
                });
            }
        }
    }
}
