package io.frontdesk.waf.engine.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The transformations a rule applies, in order, as one node of a tree that the chains of a rule
 * set share: a chain is its prefix plus one last transformation, and every chain of a set has its
 * own {@link #index} (0 for the empty chain), so that what a prefix made of a value can be kept
 * and taken up by every longer chain. Made by {@link TransformationChains}.
 */
public final class TransformationChain {

    private final TransformationChain prefix;
    private final Transformation last;
    private final int index;
    private final List<TransformationChain> steps;
    private final List<TransformationChain> sameLast;
    /** Bit n for each chain numbered n below 64 in {@link #sameLast}; set while the set loads. */
    private long sameLastBits;
    /** Whether {@link #sameLast} holds a chain numbered 64 or more, which {@link #sameLastBits} cannot name. */
    private boolean sameLastBeyondBits;

    TransformationChain(TransformationChain prefix, Transformation last, int index,
            List<TransformationChain> sameLast) {
        this.prefix = prefix;
        this.last = last;
        this.index = index;
        this.sameLast = sameLast;
        List<TransformationChain> path = new ArrayList<>(prefix == null ? List.of() : prefix.steps);
        if (prefix != null) {
            path.add(this);
        }
        this.steps = Collections.unmodifiableList(path);
    }

    /** The chain less its last transformation; {@code null} for the empty chain. */
    public TransformationChain prefix() {
        return prefix;
    }

    /** This chain's number in its set, from 0 (the empty chain) to the set's size less one. */
    public int index() {
        return index;
    }

    public boolean isEmpty() {
        return prefix == null;
    }

    /** The chains from the first transformation to this one, each one longer than the one before. */
    public List<TransformationChain> steps() {
        return steps;
    }

    /**
     * The chains of the set that end with the same transformation as this one, this one among
     * them: where one's prefix made the same of a value as this one's, so does the whole chain.
     */
    public List<TransformationChain> sameLast() {
        return sameLast;
    }

    /** The chains of {@link #sameLast()} numbered below 64, as bits by number. */
    public long sameLastBits() {
        return sameLastBits;
    }

    /** Whether {@link #sameLast()} holds chains that {@link #sameLastBits()} leaves out. */
    public boolean sameLastBeyondBits() {
        return sameLastBeyondBits;
    }

    /** Counts {@code other}, which ends with the same transformation, among {@link #sameLast()}'s bits. */
    void alsoEndedBy(TransformationChain other) {
        if (other.index < Long.SIZE) {
            sameLastBits |= 1L << other.index;
        } else {
            sameLastBeyondBits = true;
        }
    }

    /** The last transformation applied to what the prefix made of a value. */
    public String applyLast(String prefixResult) {
        return last.apply(prefixResult);
    }
}
