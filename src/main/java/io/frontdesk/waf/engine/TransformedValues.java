package io.frontdesk.waf.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.operator.regex.SharedScan;
import io.frontdesk.waf.engine.transform.TransformationChain;
import io.frontdesk.waf.engine.variable.VariableValue;

/**
 * What the rules' transformation chains made of the values of one transaction, most records taken
 * up from those its thread keeps of the values it inspected lately ({@link RecentValues}). Many
 * rules read the same values through the same chains, or through chains that begin alike: each
 * value goes through each chain once, a chain taking up what its prefix made of the value. Values
 * are told apart by their bytes, so a value that arrives twice (under two names, say) is
 * transformed once; and where two chains' prefixes made one string of a value, their common last
 * transformation is applied to it once. A value's record is kept on the value too, so the rules
 * after the first find it without a lookup. What the shared scan found in what one chain made
 * serves another chain that made the same string, or one differing in ASCII case alone
 * (t:lowercase of it, say), whose atoms are the same: only its bytes are read again.
 */
final class TransformedValues {

    private final RecentValues recent;
    /** The records of the values {@link #recent} does not keep, by value. */
    private final Map<String, Made> byValue = new HashMap<>();
    /** How many values this transaction added to its thread's records. */
    private int added;

    TransformedValues(RecentValues recent) {
        this.recent = recent;
    }

    /** What the chains made of one value, by chain number, and what the shared scan found in each. */
    static final class Made {

        private final int chains;
        private final int verdictSlots;
        /** The records this one is of: {@link RecentValues}, or the one transaction's values it is private to. */
        private final Object keeper;
        /** The thread that alone uses a record of {@link RecentValues}; null for a transaction's own. */
        private final Thread thread;
        private final String value;
        /**
         * The chains numbered below 64 that made the value itself, bit by bit: a value no chain
         * changes (a number, a lower-case word) needs no table of what each made.
         */
        private long madeItself;
        /**
         * By chain number, what the chain made of the value, or null where none has yet (or where
         * {@link #madeItself} says); made when a chain first makes something else.
         */
        private String[] strings;
        /** The chains numbered below 64 that {@link #strings} holds something for, bit by bit. */
        private long madeOther;
        /** The chain of the first string scanned, what the scan found in it, and then what was kept after. */
        private int firstScannedChain;
        private ScannedValue firstScanned;
        private Scanned moreScanned;

        /**
         * The slots ({@code VerdictSlots}) whose verdict on the value is known, and of those the
         * ones that matched, bit by bit; made when the first verdict is remembered.
         */
        private long[] decided;
        private long[] matched;

        Made(RecentValues keeper, Thread thread, String value) {
            this(keeper.chains(), keeper.verdictSlots(), keeper, thread, value);
        }

        private Made(int chains, int verdictSlots, Object keeper, Thread thread, String value) {
            this.chains = chains;
            this.verdictSlots = verdictSlots;
            this.keeper = keeper;
            this.thread = thread;
            this.value = value;
        }

        Object keeper() {
            return keeper;
        }

        /** Whether the record is one its thread keeps for the transactions after, not its transaction's own. */
        boolean kept() {
            return thread != null;
        }

        Thread thread() {
            return thread;
        }

        /** What the chain numbered so made of the value, or null where none has yet. */
        String made(int chain) {
            if (chain == 0 || chain < Long.SIZE && (madeItself & 1L << chain) != 0) {
                return value;
            }
            return strings == null ? null : strings[chain];
        }

        private void keep(int chain, String made) {
            if (made == value && chain < Long.SIZE) {
                madeItself |= 1L << chain;
                return;
            }
            if (strings == null) {
                strings = new String[chains];
            }
            strings[chain] = made;
            if (chain < Long.SIZE) {
                madeOther |= 1L << chain;
            }
        }

        /** Whether the verdict of the slot's operator on what its chain made of the value is known. */
        boolean decided(int slot) {
            return decided != null && (decided[slot >> 6] & 1L << slot) != 0;
        }

        /** The slot's operator's verdict, once {@link #decided}. */
        boolean matched(int slot) {
            return (matched[slot >> 6] & 1L << slot) != 0;
        }

        /** Remembers the verdict of the slot's operator on what its chain made of the value. */
        void decide(int slot, boolean match) {
            if (decided == null) {
                decided = new long[(verdictSlots + 63) / 64];
                matched = new long[decided.length];
            }
            decided[slot >> 6] |= 1L << slot;
            if (match) {
                matched[slot >> 6] |= 1L << slot;
            }
        }

        /** The chains numbered below 64 that made something of the value, bit by bit. */
        private long madeBits() {
            return madeItself | madeOther;
        }

        /**
         * What {@code scan} found in {@code made}, which the chain numbered {@code chain} made of
         * the value, as found for that chain or for another that made the same string; null where
         * it was not asked.
         */
        ScannedValue scanned(int chain, String made, SharedScan scan) {
            return kept(chain, made, scan, false);
        }

        /**
         * What {@code scan} found in what {@code chain} made, or another chain made the same string
         * (or, {@code foldedAlike}, a string differing from it in ASCII case alone); null where none.
         */
        private ScannedValue kept(int chain, String made, SharedScan scan, boolean foldedAlike) {
            if (firstScanned != null && answers(firstScannedChain, firstScanned, chain, made, scan, foldedAlike)) {
                return firstScanned;
            }
            for (Scanned kept = moreScanned; kept != null; kept = kept.next()) {
                if (answers(kept.chain(), kept.found(), chain, made, scan, foldedAlike)) {
                    return kept.found();
                }
            }
            return null;
        }

        private boolean answers(int keptChain, ScannedValue found, int chain, String made, SharedScan scan,
                boolean foldedAlike) {
            if (!found.from(scan)) {
                return false;
            }
            String kept = made(keptChain);
            return foldedAlike ? kept != null && SharedScan.sameFolded(kept, made) : keptChain == chain || kept == made;
        }

        /**
         * What the side's scan finds in {@code made}, which the chain numbered {@code chain} made
         * of the value: as found before, else found now and kept; null where the side leaves values
         * that chain makes unscanned.
         */
        ScannedValue scanned(int chain, String made, SideScan side) {
            ScannedValue found = scanned(chain, made, side.scan());
            if (found == null && side.worthScanning(chain)) {
                ScannedValue alike = kept(chain, made, side.scan(), true);
                found = alike != null ? side.scan().refolded(alike, made) : side.scan().scan(made);
                keepScanned(chain, found);
            }
            return found;
        }

        /** Keeps what the scan found in what the chain numbered so made. */
        private void keepScanned(int chain, ScannedValue found) {
            if (firstScanned == null) {
                firstScannedChain = chain;
                firstScanned = found;
            } else {
                moreScanned = new Scanned(chain, found, moreScanned);
            }
        }
    }

    /** What a scan found in what one chain made of a value, after the first; then what was kept before. */
    private record Scanned(int chain, ScannedValue found, Scanned next) {
    }

    /** The records each thread keeps of the values it inspected lately. */
    RecentValues recent() {
        return recent;
    }

    /** How many chains there are, the empty one included. */
    int chains() {
        return recent.chains();
    }

    /**
     * The record of what the chains made of a value a rule reads: this thread's {@link RecentValues}
     * record of it, or one of the transaction's own for a value those do not keep (or, past the
     * most a transaction adds, take).
     */
    Made of(VariableValue value) {
        if (value.transformed() instanceof Made kept && (kept.keeper == this || recent.holdsHere(kept))) {
            return kept;
        }
        Made made = recent.keptHere(value.value());
        if (made == null && added < RecentValues.MOST_NEW_PER_TRANSACTION) {
            made = recent.keepHere(value.value());
            added += made == null ? 0 : 1;
        }
        if (made == null) {
            made = byValue.get(value.value());
            if (made == null) {
                made = new Made(recent.chains(), recent.verdictSlots(), this, null, value.value());
                byValue.put(value.value(), made);
            }
        }
        value.transformed(made);
        return made;
    }

    /** What the chain made of the value {@code made} records. */
    static String of(Made made, TransformationChain chain) {
        String result = made.made(chain.index());
        if (result == null) {
            String input = of(made, chain.prefix());
            result = madeAlike(made, chain, input);
            if (result == null) {
                result = chain.applyLast(input);
            }
            made.keep(chain.index(), result);
        }
        return result;
    }

    /**
     * What another chain ending with the same transformation made of the value, when its prefix
     * made {@code input} too (as a transformation that changes nothing hands its input on, say).
     */
    private static String madeAlike(Made made, TransformationChain chain, String input) {
        if (!chain.sameLastBeyondBits() && (chain.sameLastBits() & made.madeBits()) == 0) {
            return null;
        }
        List<TransformationChain> alike = chain.sameLast();
        for (int i = 0; i < alike.size(); i++) {
            TransformationChain other = alike.get(i);
            String result = made.made(other.index());
            if (result != null && made.made(other.prefix().index()) == input) {
                return result;
            }
        }
        return null;
    }
}
