package io.frontdesk.waf.engine;

import java.util.List;

import io.frontdesk.waf.engine.operator.regex.SharedScan;
import io.frontdesk.waf.engine.rule.Rule;

/**
 * The pass over values that the patterns and phrase lists of one side's rules (the request's, or
 * the response's) share, and the transformation chains whose values are worth it. One pass looks
 * for the atoms of every rule of the side, so it pays where many rules read a value; a value made by
 * a chain that few of them read (a base64 decoding only one rule tries, say) is left to those
 * rules' own checks.
 */
final class SideScan {

    /** A chain read by fewer operators of the side than this has its values left to their own checks. */
    static final int LEAST_READERS = 3;

    private final SharedScan scan;
    /** By chain number, whether values made by that chain are scanned. */
    private final boolean[] worthScanning;

    private SideScan(SharedScan scan, boolean[] worthScanning) {
        this.scan = scan;
        this.worthScanning = worthScanning;
    }

    /** The scan of the rules of {@code phases}, whose transformations number {@code chains} chains. */
    static SideScan of(List<PhaseRules> phases, int chains) {
        SharedScan scan = new SharedScan();
        int[] readers = new int[chains];
        for (PhaseRules phase : phases) {
            for (Rule rule : phase.rules()) {
                for (Rule link = rule; link != null; link = link.chained()) {
                    if (link.operator().joinScan(scan)) {
                        countReads(link, readers);
                    }
                }
            }
        }
        scan.complete();
        boolean[] worthScanning = new boolean[chains];
        for (int chain = 0; chain < chains; chain++) {
            worthScanning[chain] = readers[chain] >= LEAST_READERS;
        }
        return new SideScan(scan, worthScanning);
    }

    /** Counts the chains whose values the rule's operator reads: its own, or with multiMatch each step and none. */
    private static void countReads(Rule rule, int[] readers) {
        if (!rule.multiMatch()) {
            readers[rule.transformations().index()]++;
            return;
        }
        readers[0]++;
        rule.transformations().steps().forEach(step -> readers[step.index()]++);
    }

    SharedScan scan() {
        return scan;
    }

    /** Whether values the chain numbered so made are scanned; -1, for an operator given no value, says yes. */
    boolean worthScanning(int chain) {
        return chain < 0 || worthScanning[chain];
    }
}
