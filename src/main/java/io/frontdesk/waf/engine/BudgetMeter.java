package io.frontdesk.waf.engine;

/**
 * What one transaction has spent of its {@link InspectionBudget}, phase by phase.
 *
 * <p>A thread's CPU clock costs 0.2 to 0.6 us a read, a few reads a request; the wall clock a few
 * nanoseconds, and a thread cannot have run longer than the time that passed. So phases are timed
 * by the wall clock while the transaction's time stays under {@link #WALL_SHARE an eighth} of the
 * budget, which most transactions never pass and so never read the CPU clock. From there on, the
 * rest of the phase under way and every later phase are timed by the CPU clock. Time the wall
 * clock counted while the thread waited for a core is charged too: on a machine short of cores
 * a transaction may be stopped somewhat earlier, never later.
 *
 * <p>The clock is read when a phase starts and ends and, in between, once every
 * {@value #CHECK_EVERY} units of work (a rule, a value, each KiB of a value). A unit of CRS's
 * rules costs 0.1 to 0.5 us on average (most values are turned away by the shared scan): read
 * every 128 units, the CPU clock took 4.5% of a 64 KiB JSON request's time; read every
 * {@value #CHECK_EVERY} units (0.1 to 0.5 ms of rules) it takes well under 1%.
 */
final class BudgetMeter {

    static final int CHECK_EVERY = 1024;
    /** One over the share of the budget timed by the wall clock. */
    static final int WALL_SHARE = 8;
    private static final int BYTES_PER_UNIT = 1024;

    private final InspectionBudget budget;
    private final long wallAllowance;
    private long spentBefore;
    /** Whether the phase under way is timed by the CPU clock (else by the wall clock). */
    private boolean onCpuClock;
    /** When the phase started, or went over to the CPU clock, on the clock that times it. */
    private long phaseStarted;
    private int work;
    /** Whether a check found the budget spent: it stays so. */
    private boolean spent;

    /** @param budget {@code null} for none: then no clock is read */
    BudgetMeter(InspectionBudget budget) {
        this.budget = budget;
        this.wallAllowance = budget == null ? 0 : budget.nanos() / WALL_SHARE;
    }

    /** Whether a transaction that spends its budget is refused. */
    boolean refuses() {
        return budget != null && budget.policy() == InspectionBudget.Policy.REFUSE;
    }

    void startPhase() {
        if (budget != null) {
            work = 0;
            onCpuClock = spentBefore >= wallAllowance;
            phaseStarted = onCpuClock ? budget.clock().getAsLong() : budget.wall().getAsLong();
        }
    }

    /** Ends a phase; whether the budget is spent. */
    boolean endPhase() {
        if (budget == null) {
            return false;
        }
        long inPhase = spentInPhase();
        spentBefore += inPhase;
        return spentBefore > budget.nanos();
    }

    /** Counts a rule about to run; whether the budget is spent. */
    boolean rule() {
        return spend(1);
    }

    /** Counts a value about to be evaluated; whether the budget is spent. */
    boolean value(String value) {
        return spend(1 + value.length() / BYTES_PER_UNIT);
    }

    private boolean spend(int units) {
        if (budget == null) {
            return false;
        }
        if (spent) {
            return true;
        }
        work += units;
        if (work < CHECK_EVERY) {
            return false;
        }
        work = 0;
        long inPhase = spentInPhase();
        spent = spentBefore + inPhase > budget.nanos();
        return spent;
    }

    /**
     * The time the phase under way has taken since it started, or since it went over to the CPU
     * clock; it goes over once the wall clock's share is used up, the wall time so far added to
     * {@link #spentBefore} (so read that after calling this).
     */
    private long spentInPhase() {
        if (onCpuClock) {
            return budget.clock().getAsLong() - phaseStarted;
        }
        long elapsed = budget.wall().getAsLong() - phaseStarted;
        if (spentBefore + elapsed < wallAllowance) {
            return elapsed;
        }
        spentBefore += elapsed;
        onCpuClock = true;
        phaseStarted = budget.clock().getAsLong();
        return 0;
    }
}
