package io.frontdesk.support;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutException;

/**
 * A read timeout that runs only while something is awaited on a connection (a request body, a
 * backend's response): from {@link #start} until {@link #stop}, the longest the peer may go
 * without a byte read from it. When that runs out the connection fails with Netty's
 * {@link ReadTimeoutException} and closes. One {@link DeadlineTimer} serves every wait of the
 * connection, where a timeout handler added and removed around each one schedules and cancels a
 * task each time. Used on the channel's event loop only.
 */
public final class SilenceTimeout implements DeadlineTimer.Deadline {

    private final long timeoutNanos;
    private final DeadlineTimer timer = new DeadlineTimer(this);
    private ChannelHandlerContext context;
    private boolean waiting;
    private long lastHeard;

    public SilenceTimeout(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** The wait begins: the silence counts from now; {@code ctx} is where the timeout is raised. */
    public void start(ChannelHandlerContext ctx) {
        context = ctx;
        waiting = true;
        lastHeard = System.nanoTime();
        timer.arm(ctx, timeoutNanos);
    }

    /** Bytes were read from the peer. */
    public void heard() {
        if (waiting) {
            lastHeard = System.nanoTime();
        }
    }

    /** Whether a wait is under way. */
    public boolean waiting() {
        return waiting;
    }

    /** The wait is over. */
    public void stop() {
        waiting = false;
    }

    /** The connection has closed, or left HTTP. */
    public void closed() {
        waiting = false;
        timer.cancel();
    }

    @Override
    public boolean running() {
        return waiting;
    }

    @Override
    public long nanos() {
        return lastHeard + timeoutNanos;
    }

    @Override
    public void passed() {
        waiting = false;
        context.fireExceptionCaught(ReadTimeoutException.INSTANCE);
        context.channel().close();
    }
}
