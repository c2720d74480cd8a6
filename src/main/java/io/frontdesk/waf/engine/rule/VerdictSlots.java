package io.frontdesk.waf.engine.rule;

/**
 * Numbers, while a rule set loads, the rules whose verdicts are remembered: those whose operator's
 * verdict depends on the value alone ({@code Operator.decidedByValueAlone}). A value's record
 * keeps, by number, what their operator said of what their chain made of it. A rule reads a value
 * through its one chain, so a slot stands for the rule and its chain; a {@code multiMatch} rule
 * tries the value as it came and then what each step made, and has a slot for each, in that order.
 */
public final class VerdictSlots {

    private int count;

    /**
     * The first of {@code strings} slots of a rule whose operator {@code remembered} says; -1 for a
     * rule whose verdicts are not remembered.
     */
    int slotsFor(boolean remembered, int strings) {
        if (!remembered) {
            return -1;
        }
        count += strings;
        return count - strings;
    }

    /** How many slots there are. */
    public int count() {
        return count;
    }
}
