package io.frontdesk.waf.engine.operator.regex;

/**
 * What a {@link SharedScan} found in one value: the bytes it holds, and the members one of whose
 * atoms it holds. A member the value holds none of the atoms of cannot match it.
 */
public final class ScannedValue {

    private final SharedScan scan;
    private final long[] bytes;
    private final boolean wide;
    private final long[] touched;

    ScannedValue(SharedScan scan, long[] bytes, boolean wide, long[] touched) {
        this.scan = scan;
        this.bytes = bytes;
        this.wide = wide;
        this.touched = touched;
    }

    /** Whether this is what that scan found (and so what its numbers mean here). */
    public boolean from(SharedScan other) {
        return scan == other;
    }

    /**
     * Whether the value holds one of the atoms of the member numbered so (by
     * {@link SharedScan#addPhrases}, say): for a list of phrases, whether one of them occurs.
     */
    public boolean touches(int member) {
        return (touched[member >> 6] & (1L << member)) != 0;
    }

    /** Whether the value holds one of the bytes set in {@code set} (four words of 64), or a char above 0xFF. */
    boolean holdsAnyOf(long[] set) {
        return wide || (bytes[0] & set[0]) != 0 || (bytes[1] & set[1]) != 0 || (bytes[2] & set[2]) != 0
                || (bytes[3] & set[3]) != 0;
    }
}
