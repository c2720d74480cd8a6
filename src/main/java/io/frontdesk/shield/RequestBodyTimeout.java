package io.frontdesk.shield;

import java.time.Duration;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.frontdesk.edge.Http1Handlers;
import io.frontdesk.support.SilenceTimeout;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import reactor.netty.http.server.HttpServer;

/**
 * The slow-POST defence: while a request body is being read, the longest the client may send
 * nothing of it ({@code frontdesk.shield.request.body-timeout}). When that runs out the request
 * fails with Netty's {@code ReadTimeoutException} and the connection closes. Each HTTP/1.1
 * connection has one watch, behind the framework's handler (so a pipelined request counts from
 * when it is taken on), and each HTTP/2 stream, a channel of its own, gets one as it opens.
 *
 * <p>A watch keeps one {@link SilenceTimeout} for all the requests of its connection, started
 * when a body begins. A request without a body arms nothing, where a timeout handler added and removed
 * around every request costs two pipeline changes and a timer each time.
 */
public final class RequestBodyTimeout implements NettyServerCustomizer {

    private static final String NAME = "frontdesk.requestBodyTimeout";

    private final long timeoutNanos;

    public RequestBodyTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server
                .doOnChannelInit((observer, channel, address) ->
                        Http1Handlers.installAfterTrafficHandler(channel, NAME, () -> new Watch(timeoutNanos)))
                .doOnConnection(connection -> {
                    if (connection.channel() instanceof Http2StreamChannel) {
                        connection.addHandlerFirst(NAME, new Watch(timeoutNanos));
                    }
                });
    }

    private static final class Watch extends ChannelInboundHandlerAdapter {

        private final SilenceTimeout silence;

        Watch(long timeoutNanos) {
            this.silence = new SilenceTimeout(timeoutNanos);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                if (msg instanceof LastHttpContent) {
                    silence.stop();
                } else {
                    silence.start(ctx);
                }
            } else if (msg instanceof HttpContent && silence.waiting()) {
                silence.heard();
                if (msg instanceof LastHttpContent) {
                    silence.stop();
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            silence.closed();
            ctx.fireChannelInactive();
        }
    }
}
