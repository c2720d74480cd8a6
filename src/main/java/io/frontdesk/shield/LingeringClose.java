package io.frontdesk.shield;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * A lingering close, as nginx does it: when the gateway closes a connection, it first only shuts
 * down its sending side, then reads and drops whatever the client still sends, until the client
 * closes too or a short time has passed. Closing outright while the client's request is still
 * arriving makes the kernel answer those bytes with a reset, and a client that sees the reset
 * loses the answer it was sent just before (a 414, 431 or 413). Sits first in the pipeline.
 */
final class LingeringClose extends ChannelDuplexHandler {

    static final String NAME = "frontdesk.lingeringClose";
    private static final AttributeKey<Boolean> AT_ONCE = AttributeKey.valueOf("frontdesk.closeAtOnce");
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    private boolean lingering;
    private ScheduledFuture<?> deadline;

    /** Closes a connection that has nothing unread without lingering: the descriptor is free at once. */
    static void closeAtOnce(Channel channel) {
        channel.attr(AT_ONCE).set(Boolean.TRUE);
        channel.close();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering || ctx.channel().hasAttr(AT_ONCE) || !(ctx.channel() instanceof DuplexChannel duplex) || !ctx.channel().isActive()
                || duplex.isOutputShutdown()) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
        duplex.shutdownOutput().addListener(shutdown -> {
            if (!shutdown.isSuccess()) {
                ctx.close();
                return;
            }
            ctx.channel().config().setAutoRead(true);
            deadline = ctx.executor().schedule(() -> {
                ctx.close();
            }, LINGER_NANOS, TimeUnit.NANOSECONDS);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
