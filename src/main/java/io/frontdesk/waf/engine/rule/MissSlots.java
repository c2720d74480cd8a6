package io.frontdesk.waf.engine.rule;

/**
 * Numbers, while a rule set loads, the rules whose misses are remembered: those whose operator's
 * verdict depends on the value alone ({@code Operator.decidedByValueAlone}). A value's record
 * keeps, by number, the rules known not to match what a chain made of it (for {@code multiMatch},
 * each chain of the steps).
 */
public final class MissSlots {

    private int count;

    /** The slot of a rule whose operator {@code remembered} says; -1 for a rule whose misses are not remembered. */
    int slotFor(boolean remembered) {
        return remembered ? count++ : -1;
    }

    /** How many slots there are. */
    public int count() {
        return count;
    }
}
