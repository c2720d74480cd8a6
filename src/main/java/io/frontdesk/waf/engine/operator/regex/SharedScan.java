package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * One pass over a value for all the patterns and phrase lists of a rule set (its members): it
 * finds the bytes the value holds and every atom any member's requirement names
 * ({@link RequiredAtoms}; for a phrase list, its phrases). A requirement holds of no value without
 * one of its atoms, so a member none of whose atoms the value holds is decided by this pass alone:
 * it cannot match, and on ordinary values most members are decided so. Many rules read the same
 * values, each with its own pattern; each would otherwise pass over each value for its own atoms.
 *
 * <p>Members {@link #add join} while the rule set loads, then {@link #complete} makes the scanner;
 * from then on the scan is immutable and safe for use by many threads.
 */
public final class SharedScan {

    private final List<Requirement> requirements = new ArrayList<>();
    private AtomScanner scanner;
    /** For each atom (by its number in the scanner), the members whose requirement names it. */
    private int[][] membersNaming;
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
        scanner = new AtomScanner(List.copyOf(naming.keySet()));
        membersNaming = naming.values().stream().map(members -> members.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        int words = (requirements.size() + 63) / 64;
        passes = ThreadLocal.withInitial(() -> new Pass(membersNaming, words));
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
     * One thread's record of a pass: the members one of whose atoms was found, each atom counted
     * the first time only (atoms stamped with an earlier pass's generation count as not found).
     * It never stops the pass.
     */
    private static final class Pass implements IntPredicate {

        private final int[][] membersNaming;
        private final int[] stamps;
        private final long[] touched;
        private int generation;

        Pass(int[][] membersNaming, int words) {
            this.membersNaming = membersNaming;
            this.stamps = new int[membersNaming.length];
            this.touched = new long[words];
        }

        void nextValue() {
            if (++generation == 0) {
                Arrays.fill(stamps, 0);
                generation = 1;
            }
            Arrays.fill(touched, 0);
        }

        @Override
        public boolean test(int atom) {
            if (stamps[atom] != generation) {
                stamps[atom] = generation;
                for (int member : membersNaming[atom]) {
                    touched[member >> 6] |= 1L << member;
                }
            }
            return false;
        }
    }
}
