package io.frontdesk.shield;

import java.time.Duration;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.frontdesk.edge.Http1Handlers;
import io.frontdesk.support.DeadlineTimer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.server.HttpServer;

/**
 * The slow-POST defence: while a request body is being read, the longest the client may send
 * nothing of it ({@code frontdesk.shield.request.body-timeout}). When that runs out the request
 * fails with Netty's {@link ReadTimeoutException} and the connection closes. Each HTTP/1.1
 * connection has one watch, behind the framework's handler (so a pipelined request counts from
 * when it is taken on), and each HTTP/2 stream, a channel of its own, gets one as it opens.
 *
 * <p>A watch keeps one {@link DeadlineTimer} for all the requests of its connection, armed when a
 * body begins. A request without a body arms nothing, where a timeout handler added and removed
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

    private static final class Watch extends ChannelInboundHandlerAdapter implements DeadlineTimer.Deadline {

        private final long timeoutNanos;
        private final DeadlineTimer timer = new DeadlineTimer(this);
        private ChannelHandlerContext context;
        private boolean reading;
        private long lastHeard;

        Watch(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            context = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                reading = !(msg instanceof LastHttpContent);
                if (reading) {
                    lastHeard = System.nanoTime();
                    timer.arm(ctx, timeoutNanos);
                }
            } else if (msg instanceof HttpContent && reading) {
                lastHeard = System.nanoTime();
                reading = !(msg instanceof LastHttpContent);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public boolean running() {
            return reading;
        }

        @Override
        public long nanos() {
            return lastHeard + timeoutNanos;
        }

        @Override
        public void passed() {
            reading = false;
            context.fireExceptionCaught(ReadTimeoutException.INSTANCE);
            context.channel().close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reading = false;
            timer.cancel();
            ctx.fireChannelInactive();
        }
    }
}
