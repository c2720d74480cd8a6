package io.frontdesk.balancer;

import io.frontdesk.support.DeadlineTimer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutException;

/**
 * The read timeout of one HTTP/1.1 backend connection (nginx's {@code proxy_read_timeout}): from
 * the moment a request has been written until its response ends, the longest the backend may go
 * without a byte read from it. When that runs out the connection fails with Netty's
 * {@link ReadTimeoutException}, which the client gets as 504, and closes. One
 * {@link DeadlineTimer} serves all the requests of the connection, where a timeout handler added
 * and removed around each response schedules and cancels a task each time. Runs on the
 * connection's event loop.
 */
final class ResponseSilence implements DeadlineTimer.Deadline {

    private final long timeoutNanos;
    private final DeadlineTimer timer = new DeadlineTimer(this);
    private ChannelHandlerContext context;
    private boolean waiting;
    private long lastHeard;

    ResponseSilence(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** A request has been written whole: the backend's silence counts from now. */
    void requestSent(ChannelHandlerContext ctx) {
        context = ctx;
        waiting = true;
        lastHeard = System.nanoTime();
        timer.arm(ctx, timeoutNanos);
    }

    /** Bytes were read from the backend. */
    void heard() {
        if (waiting) {
            lastHeard = System.nanoTime();
        }
    }

    /** The final response has ended. */
    void responseEnded() {
        waiting = false;
    }

    /** The connection has closed. */
    void closed() {
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
