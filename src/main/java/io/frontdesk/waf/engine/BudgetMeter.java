package io.frontdesk.waf.engine;

/**
 * What one transaction has spent of its {@link InspectionBudget}, phase by phase. The clock is read
 * when a phase starts and ends and, in between, once every {@value #CHECK_EVERY} units of work (a
 * rule, a value, each KiB of a value). A thread's CPU clock costs 200 to 500 ns a read, and a unit
 * of CRS's rules 0.1 to 0.5 us on average (most values are turned away by the shared scan): read
 * every 128 units, the clock took 4.5% of a 64 KiB JSON request's time; read every
 * {@value #CHECK_EVERY} units (0.1 to 0.5 ms of rules) it takes well under 1%.
 */
final class BudgetMeter {

    static final int CHECK_EVERY = 1024;
    private static final int BYTES_PER_UNIT = 1024;

    private final InspectionBudget budget;
    private long spentBefore;
    private long phaseStarted;
    private int work;
    /** Whether a check found the budget spent: it stays so. */
    private boolean spent;

    /** @param budget {@code null} for none: then the clock is never read */
    BudgetMeter(InspectionBudget budget) {
        this.budget = budget;
    }

    /** Whether a transaction that spends its budget is refused. */
    boolean refuses() {
        return budget != null && budget.policy() == InspectionBudget.Policy.REFUSE;
    }

    void startPhase() {
        if (budget != null) {
            phaseStarted = budget.clock().getAsLong();
            work = 0;
        }
    }

    /** Ends a phase; whether the budget is spent. */
    boolean endPhase() {
        if (budget == null) {
            return false;
        }
        spentBefore += budget.clock().getAsLong() - phaseStarted;
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
        spent = spentBefore + budget.clock().getAsLong() - phaseStarted > budget.nanos();
        return spent;
    }
}
