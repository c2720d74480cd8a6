package io.frontdesk.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * A request body whose chunked framing breaks after its head was accepted (a chunk size that
 * overflows or is not hex) ends the connection there. The decoder reports such a body as a last
 * chunk that failed, which the framework would take for the body's normal end, so that the backend
 * got a truncated request as if it were whole; closing the connection instead aborts the request
 * to the backend, which never sees its end. It sits before the framework's HTTP/1.1 handler, which
 * would otherwise see that chunk first.
 */
public final class MalformedBodyAbort implements NettyServerCustomizer {

    private static final String NAME = "frontdesk.malformedBodyAbort";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnConnection(connection -> {
            ChannelPipeline pipeline = connection.channel().pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null && pipeline.get(NAME) == null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, NAME, new Handler());
            }
        });
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpContent content && !(msg instanceof HttpRequest)
                    && content.decoderResult().isFailure()) {
                content.release();
                ctx.close();
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
