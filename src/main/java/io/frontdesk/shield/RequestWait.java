package io.frontdesk.shield;

import java.nio.charset.StandardCharsets;

import io.frontdesk.support.DeadlineTimer;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;

/**
 * How long one HTTP/1.1 connection may wait for its next request, and take to send its head.
 * Between requests (and before the first) the keep-alive idle timeout runs from the end of the
 * last exchange (or from the connection's start); once it passes, the connection is closed. A
 * request head must then arrive whole within the head timeout of its first byte, which for the
 * first request includes a TLS handshake: the slowloris defence. A connection that runs out of
 * head time gets 408 and is closed (over TLS it is just closed: this handler sits below the
 * encryption).
 *
 * <p>Sits first in the pipeline, where any byte read between requests starts the head's clock;
 * {@link RequestWaitFilter} says when the head has been decoded and when the exchange is over.
 * HTTP/2 connections hand the job over to {@link Http2IdleClose} on their first stream.
 *
 * <p>One {@link DeadlineTimer} serves the whole connection, firing at least once per head timeout
 * while a deadline runs: a head that begins never needs the timer moved earlier, and a keep-alive
 * connection schedules and cancels no task per request.
 */
final class RequestWait extends ChannelDuplexHandler implements DeadlineTimer.Deadline {

    static final String NAME = "frontdesk.requestWait";

    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private enum State {
        BETWEEN_REQUESTS, IN_HEAD, IN_EXCHANGE
    }

    private final long headTimeoutNanos;
    private final long idleTimeoutNanos;
    private final Counter headTimeouts;
    private final DeadlineTimer timer;
    private ChannelHandlerContext context;
    /** Read from other threads by {@link ConnectionActivity}; written on the event loop only. */
    private volatile State state = State.BETWEEN_REQUESTS;
    private long deadline;

    RequestWait(long headTimeoutNanos, long idleTimeoutNanos, Counter headTimeouts) {
        this.headTimeoutNanos = headTimeoutNanos;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.headTimeouts = headTimeouts;
        this.timer = new DeadlineTimer(this, headTimeoutNanos);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        if (ctx.channel().isActive()) {
            waitForRequest();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        waitForRequest();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.BETWEEN_REQUESTS && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            state = State.IN_HEAD;
            deadline = System.nanoTime() + headTimeoutNanos;
            timer.arm(ctx, headTimeoutNanos);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public boolean running() {
        return state != State.IN_EXCHANGE;
    }

    @Override
    public long nanos() {
        return deadline;
    }

    @Override
    public void passed() {
        if (state == State.BETWEEN_REQUESTS) {
            // Through the whole pipeline, so that TLS says goodbye.
            context.channel().close();
            return;
        }
        headTimeouts.increment();
        if (context.pipeline().get(SslHandler.class) != null) {
            // Below TLS nothing can be written in the clear; the client just sees the connection end.
            context.close();
            return;
        }
        // Written from here, below the HTTP codec: the codec has no request to answer.
        context.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Whether the connection waits for its next request, its head not begun. Safe from any thread. */
    boolean betweenRequests() {
        return state == State.BETWEEN_REQUESTS;
    }

    /** The head has been decoded. Called on the channel's event loop. */
    void headReceived() {
        state = State.IN_EXCHANGE;
    }

    /** The exchange is over; the idle timeout runs until the next byte. Called on the channel's event loop. */
    void exchangeDone() {
        if (state == State.IN_EXCHANGE) {
            waitForRequest();
        }
    }

    private void waitForRequest() {
        state = State.BETWEEN_REQUESTS;
        deadline = System.nanoTime() + idleTimeoutNanos;
        timer.arm(context, idleTimeoutNanos);
    }

    /** An HTTP/2 connection: streams are no business of this handler; its idle time is {@link Http2IdleClose}'s. */
    void retire() {
        timer.cancel();
        if (context.pipeline().get(NAME) == this) {
            context.pipeline().replace(this, Http2IdleClose.NAME, new Http2IdleClose(idleTimeoutNanos));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.cancel();
        ctx.fireChannelInactive();
    }
}
