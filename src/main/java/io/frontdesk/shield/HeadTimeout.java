package io.frontdesk.shield;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.frontdesk.support.DeadlineTimer;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;

/**
 * The slowloris defence of one HTTP/1.1 connection: a request head must arrive whole within the
 * head timeout of its first byte (for the first request, of the connection's first byte, which
 * includes a TLS handshake). Sits first in the pipeline, where any byte read between requests
 * starts the clock; {@link HeadTimeoutFilter} stops it when the head has been decoded and starts
 * waiting for the next byte once the exchange is over. A connection that runs out of time gets
 * 408 and is closed (over TLS it is just closed: this handler sits below the encryption). HTTP/2
 * connections hand the job over: this handler retires on their first request.
 *
 * <p>One {@link DeadlineTimer} serves all the heads of a connection, armed when a head starts: a
 * keep-alive connection schedules and cancels no task per request.
 */
final class HeadTimeout extends ChannelDuplexHandler implements DeadlineTimer.Deadline {

    static final String NAME = "frontdesk.headTimeout";

    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private enum State {
        BETWEEN_REQUESTS, IN_HEAD, IN_EXCHANGE
    }

    private final long timeoutNanos;
    private final Counter expired;
    private final DeadlineTimer timer = new DeadlineTimer(this);
    private ChannelHandlerContext context;
    private State state = State.BETWEEN_REQUESTS;
    private long headDeadline;

    HeadTimeout(Duration timeout, Counter expired) {
        this.timeoutNanos = timeout.toNanos();
        this.expired = expired;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.BETWEEN_REQUESTS && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            state = State.IN_HEAD;
            headDeadline = System.nanoTime() + timeoutNanos;
            timer.arm(ctx, timeoutNanos);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public boolean running() {
        return state == State.IN_HEAD;
    }

    @Override
    public long nanos() {
        return headDeadline;
    }

    @Override
    public void passed() {
        expired.increment();
        if (context.pipeline().get(SslHandler.class) != null) {
            // Below TLS nothing can be written in the clear; the client just sees the connection end.
            context.close();
            return;
        }
        // Written from here, below the HTTP codec: the codec has no request to answer.
        context.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The head has been decoded. Called on the channel's event loop. */
    void headReceived() {
        state = State.IN_EXCHANGE;
    }

    /** The exchange is over; the next byte starts the next head's clock. Called on the channel's event loop. */
    void exchangeDone() {
        if (state == State.IN_EXCHANGE) {
            state = State.BETWEEN_REQUESTS;
        }
    }

    /** An HTTP/2 connection: streams are no business of this handler. */
    void retire() {
        timer.cancel();
        if (context.pipeline().get(NAME) == this) {
            context.pipeline().remove(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timer.cancel();
        ctx.fireChannelInactive();
    }
}
