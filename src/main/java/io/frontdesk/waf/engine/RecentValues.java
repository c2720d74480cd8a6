package io.frontdesk.waf.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.frontdesk.waf.engine.operator.regex.ScannedValue;
import io.frontdesk.waf.engine.operator.regex.SharedScan;

/**
 * What the transformation chains made of the values each thread inspected lately, what the shared
 * scans found in what they made, and what rules said of it. A browser sends the same header
 * values with every request (User-Agent, Accept, Accept-Language, a session's cookies): each thread
 * transforms, scans and tries such a value once, and the transactions after take its record up.
 * All three are functions of the value's bytes and the rule set alone (only rules whose operator's
 * verdict is have their verdicts kept), so a record serves any transaction of the rule set. So is
 * what the scan found in all of a variable's values together, from their records: the thread keeps
 * the last it made for each variable and chain.
 *
 * <p>A record stays with the thread that made it, which alone reads and adds to it, so it needs no
 * lock; a transaction that goes on on another thread (a large body judged on the WAF's own threads)
 * takes up that thread's records. Each thread keeps the {@value #MOST_VALUES} values it used last,
 * of at most {@value #LONGEST_VALUE} characters each, and a transaction adds the first
 * {@value #MOST_NEW_PER_TRANSACTION} of those it brings; a record not kept is its transaction's
 * own. {@code -Dfrontdesk.waf.recent-values=false} keeps none, to compare.
 */
final class RecentValues {

    static final int MOST_VALUES = 1024;
    static final int LONGEST_VALUE = 512;
    /**
     * The most values one transaction adds to its thread's records: a body of thousands would
     * otherwise push out the header values that come back with every request.
     */
    static final int MOST_NEW_PER_TRANSACTION = 128;
    /** The system property that, set to {@code false}, keeps no value past its transaction. */
    static final String PROPERTY = "frontdesk.waf.recent-values";

    private final int chains;
    private final int verdictSlots;
    private final boolean kept;
    private final ThreadLocal<Map<String, TransformedValues.Made>> byThread = ThreadLocal.withInitial(Recent::new);
    private final ThreadLocal<Unions> unionsByThread = ThreadLocal.withInitial(Unions::new);

    /**
     * @param chains how many transformation chains the rule set has, the empty one included
     * @param verdictSlots how many slots of its rules have their verdicts remembered ({@code VerdictSlots})
     */
    RecentValues(int chains, int verdictSlots) {
        this.chains = chains;
        this.verdictSlots = verdictSlots;
        this.kept = Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
    }

    int chains() {
        return chains;
    }

    int verdictSlots() {
        return verdictSlots;
    }

    /** This thread's record of the value, or {@code null} when it has none. */
    TransformedValues.Made keptHere(String value) {
        return kept && value.length() <= LONGEST_VALUE ? byThread.get().get(value) : null;
    }

    /** A new record of the value, which this thread keeps; {@code null} for a value it does not keep. */
    TransformedValues.Made keepHere(String value) {
        if (!kept || value.length() > LONGEST_VALUE) {
            return null;
        }
        TransformedValues.Made made = new TransformedValues.Made(this, Thread.currentThread(), value);
        byThread.get().put(value, made);
        return made;
    }

    /** Whether the record is this thread's, from these records. */
    boolean holdsHere(TransformedValues.Made made) {
        return made.keeper() == this && made.thread() == Thread.currentThread();
    }

    /**
     * What {@code scan} found in all of {@code scans} together ({@link SharedScan#union}), as this
     * thread last found it for the variable and chain numbered {@code pair} when those were the
     * very same records (a browser's headers, request after request), else found now and kept. The
     * rules asking about the union then find its members' requirements decided.
     */
    ScannedValue union(int pair, List<ScannedValue> scans, SharedScan scan) {
        Unions mine = unionsByThread.get();
        Union last = mine.get(pair);
        if (last != null && last.of(scans, scan)) {
            return last.found();
        }
        ScannedValue found = scan.union(scans);
        mine.put(pair, new Union(scans.toArray(ScannedValue[]::new), found));
        return found;
    }

    /** One thread's unions by pair number: pairs are numbered densely, from 0. */
    private static final class Unions {

        private Union[] byPair = new Union[256];

        Union get(int pair) {
            return pair < byPair.length ? byPair[pair] : null;
        }

        void put(int pair, Union union) {
            if (pair >= byPair.length) {
                byPair = Arrays.copyOf(byPair, Math.max(pair + 1, 2 * byPair.length));
            }
            byPair[pair] = union;
        }
    }

    /** What the scan found in several values together, and what it had found in each. */
    private record Union(ScannedValue[] scans, ScannedValue found) {

        boolean of(List<ScannedValue> others, SharedScan scan) {
            if (!found.from(scan) || others.size() != scans.length) {
                return false;
            }
            for (int i = 0; i < scans.length; i++) {
                if (others.get(i) != scans[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One thread's records, the least recently used leaving first. */
    private static final class Recent extends LinkedHashMap<String, TransformedValues.Made> {

        Recent() {
            super(2 * MOST_VALUES, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TransformedValues.Made> eldest) {
            return size() > MOST_VALUES;
        }
    }
}
