package io.frontdesk.support;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;

/**
 * One timer for a deadline that moves on with a connection's traffic, such as a timeout counted
 * from the last byte read or from the start of the latest request. It is armed when asked and
 * none is pending; when it fires before the deadline it is armed again for the rest. A connection
 * so schedules no task per request or per read, where cancelling and scheduling a timer each time
 * the deadline moves would. Whoever arms it must never move the deadline earlier than the pending
 * timer fires. Used on the channel's event loop only.
 */
public final class DeadlineTimer {

    /** What the timer holds the connection to. */
    public interface Deadline {

        /** Whether a deadline applies now. */
        boolean running();

        /** The deadline, in {@link System#nanoTime()} terms; asked only while {@link #running()}. */
        long nanos();

        /** The deadline has passed while running. */
        void passed();
    }

    private final Deadline deadline;
    private final long maxStepNanos;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> timer;

    public DeadlineTimer(Deadline deadline) {
        this(deadline, Long.MAX_VALUE);
    }

    /**
     * A timer that fires at least every {@code maxStepNanos} while armed, so that a deadline may
     * move as early as that much after any moment without the pending timer firing too late.
     */
    public DeadlineTimer(Deadline deadline, long maxStepNanos) {
        this.deadline = deadline;
        this.maxStepNanos = maxStepNanos;
    }

    /** Arms the timer to fire in {@code delayNanos}, unless one is pending. */
    public void arm(ChannelHandlerContext ctx, long delayNanos) {
        if (timer == null) {
            context = ctx;
            schedule(delayNanos);
        }
    }

    /** Cancels the pending timer, if any. */
    public void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(long delayNanos) {
        timer = context.executor().schedule(this::fire, Math.min(delayNanos, maxStepNanos), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        if (!deadline.running() || !context.channel().isActive()) {
            return;
        }
        long left = deadline.nanos() - System.nanoTime();
        if (left > 0) {
            schedule(left);
        } else {
            deadline.passed();
        }
    }
}
