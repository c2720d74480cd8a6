package io.frontdesk.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.http.server.HttpServer;

/**
 * Makes sure a pipelining HTTP/1.1 connection goes on reading once a response has been written
 * whole. Reactor Netty reads the next request only when asked to. When a request arrives while
 * the one before it is still being answered, it waits in a queue; if it is then answered at once,
 * the framework (up to Reactor Netty 1.3.7) forgets to ask for the next read, and the
 * connection's next request stays unread until the client gives up. So once requests have
 * overlapped on a connection, every response that ends on it asks for one more read, which costs
 * nothing when a read is already pending. A connection whose requests never overlap (most
 * clients do not pipeline) is left to the framework, which reads on after each response.
 */
public final class NextRequestReading implements NettyServerCustomizer {

    private static final String NAME = "frontdesk.nextRequestReading";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) ->
                Http1Handlers.installBeforeTrafficHandler(channel, NAME, ReadAfterResponse::new));
    }

    private static final class ReadAfterResponse extends ChannelDuplexHandler {

        /** Requests read whose responses have not ended. */
        private int unanswered;
        /** Whether a request has arrived while another was unanswered. */
        private boolean overlapped;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                overlapped |= unanswered > 0;
                unanswered++;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean responseEnds = msg instanceof LastHttpContent && !(msg instanceof HttpResponse response
                    && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
            ctx.write(msg, promise);
            if (!responseEnds) {
                return;
            }
            unanswered = Math.max(0, unanswered - 1);
            if (overlapped) {
                readAfterThisTurn(ctx.channel());
            }
        }

        /** Asks for a read after whatever the framework does on the response's end in this turn of the event loop. */
        private static void readAfterThisTurn(Channel channel) {
            channel.eventLoop().execute(() -> {
                if (channel.isActive()) {
                    channel.read();
                }
            });
        }
    }
}
