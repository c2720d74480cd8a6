package io.frontdesk.waf.engine.operator.regex;

/**
 * What a {@link SharedScan} found in one value: the bytes it holds, the members it holds atoms
 * enough of, and the atoms it holds. A member whose requirement the value does not meet cannot match it.
 *
 * <p>What it found never changes; what a member's requirement came to is kept once asked, for the
 * rules and transactions after. It is used by one thread at a time: the thread whose record of
 * the value holds it, or the transaction's.
 */
public final class ScannedValue {

    /** Words of the set of members touched, from {@link #MEMBERS} on (none when none is); the bytes held before. */
    static final int MEMBERS = 4;

    private final SharedScan scan;
    private final long[] bits;
    private final int found;
    private final boolean wide;
    /** The touched members whose requirement was decided, and of those the ones it holds of, bit by bit; made when first asked. */
    private long[] decided;
    private long[] holding;

    /**
     * {@code bits}: the set of bytes held (four words of 64), then what {@link SharedScan#scan} tells
     * the members, ending with the scan's numbers of the {@code found} atoms of two bytes or more
     * found.
     */
    ScannedValue(SharedScan scan, long[] bits, int found, boolean wide) {
        this.scan = scan;
        this.bits = bits;
        this.found = found;
        this.wide = wide;
    }

    /** The bytes held, then what {@link SharedScan#scan} tells the members, as the constructor says. */
    long[] bits() {
        return bits;
    }

    /** How many atoms of two bytes or more were found. */
    int found() {
        return found;
    }

    /** Whether the value holds a char above 0xFF. */
    boolean wide() {
        return wide;
    }

    /** Whether this is what that scan found (and so what its numbers mean here). */
    public boolean from(SharedScan other) {
        return scan == other;
    }

    /**
     * Whether the requirement of the member numbered so (by {@link SharedScan#addPhrases}, say)
     * holds of the value: for a list of phrases, whether one of them occurs. A member whose
     * requirement does not hold cannot match the value.
     */
    public boolean holds(int member) {
        if (!touches(member)) {
            return false;
        }
        int word = member >> 6;
        long bit = 1L << member;
        if (decided == null) {
            decided = new long[scan.memberWords()];
            holding = new long[decided.length];
        } else if ((decided[word] & bit) != 0) {
            return (holding[word] & bit) != 0;
        }
        boolean holds = scan.holds(member, bits, found);
        decided[word] |= bit;
        if (holds) {
            holding[word] |= bit;
        }
        return holds;
    }

    /**
     * Whether the value holds atoms enough of the member for its requirement to hold, counting
     * them but not asking which: the first, cheap, test of {@link #holds}.
     */
    boolean touches(int member) {
        return bits.length > MEMBERS && (bits[MEMBERS + (member >> 6)] & 1L << member) != 0
                || scan.touchesWithShortAtoms(member, bits, found);
    }

    /** Whether the value holds no byte but those set in {@code set} (four words of 64), and no char above 0xFF. */
    boolean holdsOnly(long[] set) {
        return !wide && (bits[0] & ~set[0]) == 0 && (bits[1] & ~set[1]) == 0 && (bits[2] & ~set[2]) == 0
                && (bits[3] & ~set[3]) == 0;
    }

    /** Whether the value holds one of the bytes set in {@code set} (four words of 64), or a char above 0xFF. */
    boolean holdsAnyOf(long[] set) {
        return wide || (bits[0] & set[0]) != 0 || (bits[1] & set[1]) != 0 || (bits[2] & set[2]) != 0
                || (bits[3] & set[3]) != 0;
    }
}
