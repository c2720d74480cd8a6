package io.frontdesk.waf.engine;

import java.util.function.LongSupplier;

/**
 * How much CPU time one transaction's rules may take, in nanoseconds of {@code clock} (the running
 * thread's CPU clock, read only on the thread that runs the phase), and what happens once it is
 * spent: the transaction is refused ({@link Policy#REFUSE}, in mode {@code On}) or let through
 * with no further rule run ({@link Policy#PASS}).
 */
public record InspectionBudget(long nanos, Policy policy, LongSupplier clock) {

    public enum Policy {
        REFUSE, PASS
    }

    public InspectionBudget {
        if (nanos <= 0) {
            throw new IllegalArgumentException("a budget must be more than 0 ns, was " + nanos);
        }
    }
}
