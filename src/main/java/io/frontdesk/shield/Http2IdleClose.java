package io.frontdesk.shield;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * The keep-alive idle timeout of an HTTP/2 connection: closed, with GOAWAY, once nothing has been
 * read from it for that long. Takes {@link RequestWait}'s place first in the pipeline when the
 * connection turns out to speak HTTP/2.
 */
final class Http2IdleClose extends IdleStateHandler {

    static final String NAME = "frontdesk.http2IdleClose";

    Http2IdleClose(long idleTimeoutNanos) {
        super(idleTimeoutNanos, 0, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        // Through the whole pipeline, so that the HTTP/2 codec sends GOAWAY first.
        ctx.channel().close();
    }
}
