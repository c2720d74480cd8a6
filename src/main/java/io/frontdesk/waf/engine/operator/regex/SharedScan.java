package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * One pass over a value for all the patterns and phrase lists of a rule set (its members): it
 * finds the bytes the value holds and every atom any member's requirement names
 * ({@link RequiredAtoms}; for a phrase list, its phrases). A requirement holds of no value without
 * one of its atoms, so a member none of whose atoms the value holds is decided by this pass alone:
 * it cannot match, and on ordinary values most members are decided so. Nor can one whose value
 * holds fewer of its atoms than every text meeting its requirement holds ({@link #leastAtoms}: two
 * for {@code union} and {@code select}), or fewer of its atoms of two bytes or more: a requirement
 * built of single letters (a command word whose letters may be split by quotes) holds of most
 * text. Many rules read the same values, each with its own pattern; each would otherwise pass over
 * each value for its own atoms.
 *
 * <p>Members {@link #add join} while the rule set loads, then {@link #complete} makes the scanner;
 * from then on the scan is immutable and safe for use by many threads.
 */
public final class SharedScan {

    private final List<Requirement> requirements = new ArrayList<>();
    private AtomScanner scanner;
    private ThreadLocal<Pass> passes;

    /** The pattern's atoms are looked for here from now on, unless it has none or is in a scan already. */
    public void add(PcrePattern pattern) {
        Prefilter prefilter = pattern.prefilter();
        if (prefilter != null && pattern.sharedIn(this, requirements.size())) {
            requirements.add(prefilter.requirement());
        }
    }

    /**
     * Adds a list of phrases (ignoring ASCII case), the member that holds when one of them occurs;
     * the number {@link ScannedValue#touches} takes to tell, or -1 when the phrases ask for nothing.
     */
    public int addPhrases(List<String> phrases) {
        List<Requirement> atoms = new ArrayList<>();
        for (String phrase : phrases) {
            if (!phrase.isEmpty()) {
                StringBuilder folded = new StringBuilder(phrase.length());
                phrase.chars().forEach(c -> folded.append(AtomScanner.fold((char) c)));
                atoms.add(Requirement.atom(folded.toString()));
            }
        }
        Requirement requirement = Requirement.anyOf(atoms);
        if (requirement.equals(Requirement.NONE)
                || requirement.atoms().stream().anyMatch(atom -> atom.chars().anyMatch(c -> c > 0xFF))) {
            return -1;
        }
        requirements.add(requirement);
        return requirements.size() - 1;
    }

    /** Makes the scanner of every member's atoms; no member joins after. */
    public void complete() {
        Map<String, List<Integer>> naming = new LinkedHashMap<>();
        for (int member = 0; member < requirements.size(); member++) {
            for (String atom : requirements.get(member).atoms()) {
                naming.computeIfAbsent(atom, key -> new ArrayList<>()).add(member);
            }
        }
        List<String> atoms = List.copyOf(naming.keySet());
        scanner = new AtomScanner(atoms);
        int[] least = requirements.stream().mapToInt(requirement -> leastAtoms(requirement, 1)).toArray();
        int[] leastLong = requirements.stream().mapToInt(requirement -> leastAtoms(requirement, 2)).toArray();
        int[][] touchedBy = new int[atoms.size()][];
        int[][] countedBy = new int[atoms.size()][];
        boolean[] isLong = new boolean[atoms.size()];
        for (int atom = 0; atom < atoms.size(); atom++) {
            isLong[atom] = atoms.get(atom).length() >= 2;
            int longer = isLong[atom] ? 1 : 0;
            List<Integer> members = naming.get(atoms.get(atom));
            touchedBy[atom] = members.stream().filter(member -> least[member] <= 1 && leastLong[member] <= longer)
                    .mapToInt(Integer::intValue).toArray();
            countedBy[atom] = members.stream().filter(member -> least[member] > 1 || leastLong[member] > 1)
                    .mapToInt(Integer::intValue).toArray();
        }
        Counting counting = new Counting(touchedBy, countedBy, isLong, least, leastLong);
        int words = (requirements.size() + 63) / 64;
        passes = ThreadLocal.withInitial(() -> new Pass(counting, words));
    }

    /** What one pass over the value tells every member. */
    public ScannedValue scan(String value) {
        Pass pass = passes.get();
        pass.nextValue();
        scanner.scan(value, pass);
        long[] bits = new long[ScannedValue.MEMBERS + pass.touched.length];
        System.arraycopy(pass.touched, 0, bits, ScannedValue.MEMBERS, pass.touched.length);
        boolean wide = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                wide = true;
            } else {
                bits[c >> 6] |= 1L << c;
            }
        }
        return new ScannedValue(this, bits, wide);
    }

    /**
     * How many distinct atoms of at least {@code length} bytes of a requirement any text meeting it
     * holds at least: one for such an atom, none for a shorter one, the fewest of an or's parts,
     * the sum of an and's parts when no two of them name the same atom, else the most of them.
     */
    static int leastAtoms(Requirement requirement, int length) {
        if (requirement instanceof Requirement.Atom atom) {
            return atom.text().length() >= length ? 1 : 0;
        }
        if (requirement instanceof Requirement.AnyOf any) {
            return any.parts().stream().mapToInt(part -> leastAtoms(part, length)).min().orElse(0);
        }
        List<Requirement> parts = ((Requirement.All) requirement).parts();
        int named = parts.stream().mapToInt(part -> part.atoms().size()).sum();
        IntStream counts = parts.stream().mapToInt(part -> leastAtoms(part, length));
        return named == requirement.atoms().size() ? counts.sum() : counts.max().orElse(0);
    }

    /**
     * What an atom found tells the members naming it: {@code touchedBy} the members it touches
     * alone, {@code countedBy} those that need more atoms than one (or more than one of two bytes
     * or more), counted up to {@code least} atoms and {@code leastLong} long ones. A member needing
     * a long atom is in neither list of a short one.
     */
    private record Counting(int[][] touchedBy, int[][] countedBy, boolean[] isLong, int[] least, int[] leastLong) {
    }

    /**
     * One thread's record of a pass: for each member, how many of its atoms were found, and how
     * many of two bytes or more, each atom counted the first time only (atoms and counts stamped
     * with an earlier pass's generation count as nothing); a member is touched once both are as
     * many as its requirement needs at least. It never stops the pass.
     */
    private static final class Pass implements IntPredicate {

        private final int[][] touchedBy;
        private final int[][] countedBy;
        private final boolean[] isLong;
        private final int[] least;
        private final int[] leastLong;
        private final int[] stamps;
        private final int[] countStamps;
        private final int[] counts;
        private final int[] longCounts;
        private final long[] touched;
        private int generation;

        Pass(Counting counting, int words) {
            this.touchedBy = counting.touchedBy();
            this.countedBy = counting.countedBy();
            this.isLong = counting.isLong();
            this.least = counting.least();
            this.leastLong = counting.leastLong();
            this.stamps = new int[touchedBy.length];
            this.countStamps = new int[least.length];
            this.counts = new int[least.length];
            this.longCounts = new int[least.length];
            this.touched = new long[words];
        }

        void nextValue() {
            if (++generation == 0) {
                Arrays.fill(stamps, 0);
                Arrays.fill(countStamps, 0);
                generation = 1;
            }
            Arrays.fill(touched, 0);
        }

        @Override
        public boolean test(int atom) {
            if (stamps[atom] != generation) {
                stamps[atom] = generation;
                for (int member : touchedBy[atom]) {
                    touched[member >> 6] |= 1L << member;
                }
                int longer = isLong[atom] ? 1 : 0;
                for (int member : countedBy[atom]) {
                    if (countStamps[member] != generation) {
                        countStamps[member] = generation;
                        counts[member] = 0;
                        longCounts[member] = 0;
                    }
                    counts[member]++;
                    longCounts[member] += longer;
                    if (counts[member] >= least[member] && longCounts[member] >= leastLong[member]) {
                        touched[member >> 6] |= 1L << member;
                    }
                }
            }
            return false;
        }
    }
}
