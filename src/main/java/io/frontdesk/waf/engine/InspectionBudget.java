package io.frontdesk.waf.engine;

import java.util.function.LongSupplier;

/**
 * How much CPU time one transaction's rules may take, in nanoseconds of {@code clock} (the running
 * thread's CPU clock, read only on the thread that runs the phase), and what happens once it is
 * spent: the transaction is refused ({@link Policy#REFUSE}, in mode {@code On}) or let through
 * with no further rule run ({@link Policy#PASS}). {@code wall} is a clock that runs at least as
 * fast as {@code clock} and costs less to read ({@link System#nanoTime()} for a thread's CPU
 * clock): short work is timed by it (see {@link BudgetMeter}).
 */
public record InspectionBudget(long nanos, Policy policy, LongSupplier clock, LongSupplier wall) {

    public enum Policy {
        REFUSE, PASS
    }

    public InspectionBudget {
        if (nanos <= 0) {
            throw new IllegalArgumentException("a budget must be more than 0 ns, was " + nanos);
        }
    }

    /** A budget on {@code clock}, with the wall clock for short work. */
    public InspectionBudget(long nanos, Policy policy, LongSupplier clock) {
        this(nanos, policy, clock, System::nanoTime);
    }
}
