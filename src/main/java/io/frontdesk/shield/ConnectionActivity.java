package io.frontdesk.shield;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2FrameCodec;
import reactor.netty.NettyPipeline;

/**
 * What one open connection is doing, as the connection bounds need to know: who holds it, on
 * which listener, and whether it is idle (waiting for its next request) and since when. Sits
 * first in the pipeline and notes the time of every read and write. Idle means: an HTTP/1.1
 * connection whose last response is written and whose next request has not begun (its
 * keep-alive idle timeout runs, and nothing was read since the last write); an HTTP/2
 * connection without an open stream; a connection that has not sent a byte yet.
 */
final class ConnectionActivity extends ChannelDuplexHandler {

    static final String NAME = "frontdesk.connectionActivity";

    /** Not idle: see {@link #idleSince()}. */
    static final long BUSY = Long.MIN_VALUE;
    private static final long NEVER = Long.MIN_VALUE;

    private final Channel channel;
    private final String client;
    private final Listener listener;
    private final long acceptedAt;
    private final AtomicBoolean reclaiming = new AtomicBoolean();
    private volatile long lastRead = NEVER;
    private volatile long lastWrite;

    ConnectionActivity(Channel channel, String client, Listener listener, long now) {
        this.channel = channel;
        this.client = client;
        this.listener = listener;
        this.acceptedAt = now;
        this.lastWrite = now;
    }

    String client() {
        return client;
    }

    Listener listener() {
        return listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastWrite = System.nanoTime();
        ctx.write(msg, promise);
    }

    /**
     * Since when the connection has been idle, in {@link System#nanoTime()} terms, or
     * {@link #BUSY}. Safe from any thread; a sure answer only on the channel's event loop.
     */
    long idleSince() {
        long read = lastRead;
        long write = lastWrite;
        if (read == NEVER) {
            return acceptedAt;
        }
        Http2FrameCodec http2 = channel.pipeline().get(Http2FrameCodec.class);
        if (http2 != null) {
            return http2.connection().numActiveStreams() == 0 ? later(read, write) : BUSY;
        }
        return waitingForRequest() && read - write <= 0 ? write : BUSY;
    }

    /**
     * Whether an HTTP/1.1 connection waits for its next request: the public listener's say so
     * with their {@link RequestWait}; the others, with Reactor Netty's keep-alive timer, have it
     * in their pipeline then.
     */
    private boolean waitingForRequest() {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(RequestWait.NAME) instanceof RequestWait wait) {
            return wait.betweenRequests();
        }
        return pipeline.get(NettyPipeline.IdleTimeoutHandler) != null && pipeline.get(NettyPipeline.HttpCodec) != null;
    }

    private static long later(long one, long other) {
        return one - other > 0 ? one : other;
    }

    /**
     * Closes the connection if it is still idle once its event loop gets to it, at once rather
     * than lingering (an idle connection has nothing unread): over HTTP/2 the codec sends GOAWAY
     * first. When a request began in the meantime the connection stays, and {@code turnedBusy}
     * runs on its event loop so that the caller can choose another. Whether this caller won the
     * connection: it is reclaimed once only.
     */
    boolean reclaim(Consumer<ConnectionActivity> closed, Runnable turnedBusy) {
        if (!reclaiming.compareAndSet(false, true)) {
            return false;
        }
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                reclaiming.set(false);
            } else if (idleSince() != BUSY) {
                closed.accept(this);
                LingeringClose.closeAtOnce(channel);
            } else {
                reclaiming.set(false);
                turnedBusy.run();
            }
        });
        return true;
    }

    /** Whether a reclaim has been decided and its close not done yet. */
    boolean reclaiming() {
        return reclaiming.get();
    }

    boolean reclaimable() {
        return !reclaiming.get() && channel.isActive() && idleSince() != BUSY;
    }
}
