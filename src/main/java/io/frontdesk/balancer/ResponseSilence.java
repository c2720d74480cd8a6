package io.frontdesk.balancer;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutException;

/**
 * The read timeout of one HTTP/1.1 backend connection (nginx's {@code proxy_read_timeout}): from
 * the moment a request has been written until its response ends, the longest the backend may go
 * without a byte read from it. When that runs out the connection fails with Netty's
 * {@link ReadTimeoutException}, which the client gets as 504, and closes.
 *
 * <p>One timer serves all the requests of a connection: it is armed when a request goes out and
 * none is pending, and when it fires before the deadline it is armed again for the rest. A pooled
 * connection so schedules and cancels no task per request, where a timeout handler added and
 * removed around each response does both. Runs on the connection's event loop.
 */
final class ResponseSilence {

    private final long timeoutNanos;
    private ChannelHandlerContext context;
    private boolean waiting;
    private long lastHeard;
    private ScheduledFuture<?> timer;

    ResponseSilence(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** A request has been written whole: the backend's silence counts from now. */
    void requestSent(ChannelHandlerContext ctx) {
        context = ctx;
        waiting = true;
        lastHeard = System.nanoTime();
        if (timer == null) {
            arm(timeoutNanos);
        }
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
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long delayNanos) {
        timer = context.executor().schedule(this::fire, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        if (!waiting || !context.channel().isActive()) {
            return;
        }
        long left = lastHeard + timeoutNanos - System.nanoTime();
        if (left > 0) {
            arm(left);
            return;
        }
        waiting = false;
        context.fireExceptionCaught(ReadTimeoutException.INSTANCE);
        context.channel().close();
    }
}
