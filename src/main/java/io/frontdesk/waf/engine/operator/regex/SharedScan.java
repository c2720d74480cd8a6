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

    /** Upper-case ASCII letters in the second word of a set of bytes; shifted by 32, their lower case. */
    private static final long UPPER_CASE = 0x07FFFFFEL;

    private final List<Requirement> requirements = new ArrayList<>();
    /** For each member, how its requirement is decided from a scan, or null where touching it decides. */
    private ScannedRequirement[] decisions;
    private AtomScanner scanner;
    private ThreadLocal<Pass> passes;
    private int[] least;
    private int[] leastLong;
    /** For each member, the set of the single bytes among its atoms (four words of 64), or null. */
    private long[][] shortAtoms;
    /** Words of the set of members touched. */
    private int memberWords;
    /** The members each long atom touches alone, then those it counts for, laid out as {@link AtomMembers} says. */
    private int[] spans;
    private int[] spanMembers;

    /**
     * The pattern's atoms, and those of its plain text form, are looked for here from now on,
     * unless it has none or is in a scan already.
     */
    public void add(PcrePattern pattern) {
        Prefilter prefilter = pattern.prefilter();
        if (prefilter != null && pattern.sharedIn(this, requirements.size())) {
            requirements.add(prefilter.requirement());
        }
        if (pattern.plainTextForm() != null) {
            add(pattern.plainTextForm());
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

    /**
     * Makes the scanner of every member's atoms of two bytes or more; whether the value holds a
     * member's single bytes is read off the set of bytes it holds, when the member is asked about.
     * No member joins after.
     */
    public void complete() {
        Map<String, List<Integer>> naming = new LinkedHashMap<>();
        shortAtoms = new long[requirements.size()][];
        for (int member = 0; member < requirements.size(); member++) {
            for (String atom : requirements.get(member).atoms()) {
                if (atom.length() >= 2) {
                    naming.computeIfAbsent(atom, key -> new ArrayList<>()).add(member);
                } else {
                    if (shortAtoms[member] == null) {
                        shortAtoms[member] = new long[ScannedValue.MEMBERS];
                    }
                    shortAtoms[member][atom.charAt(0) >> 6] |= 1L << atom.charAt(0);
                }
            }
        }
        List<String> atoms = List.copyOf(naming.keySet());
        scanner = new AtomScanner(atoms);
        least = requirements.stream().mapToInt(requirement -> leastAtoms(requirement, 1)).toArray();
        leastLong = requirements.stream().mapToInt(requirement -> leastAtoms(requirement, 2)).toArray();
        AtomMembers atomMembers = new AtomMembers(atoms.size());
        for (String atom : atoms) {
            List<Integer> members = naming.get(atom);
            atomMembers.add(members.stream().filter(member -> least[member] <= 1 && leastLong[member] <= 1).toList(),
                    members.stream().filter(member -> least[member] > 1 || leastLong[member] > 1).toList());
        }
        memberWords = (requirements.size() + 63) / 64;
        spans = atomMembers.spans;
        spanMembers = atomMembers.members();
        passes = ThreadLocal.withInitial(() -> new Pass(memberWords));
        Map<String, Integer> numbers = new LinkedHashMap<>();
        atoms.forEach(atom -> numbers.put(atom, numbers.size()));
        decisions = new ScannedRequirement[requirements.size()];
        for (int member = 0; member < requirements.size(); member++) {
            if (!isChoiceOfAtoms(requirements.get(member))) {
                decisions[member] = new ScannedRequirement(requirements.get(member), numbers);
            }
        }
    }

    /** Whether the requirement is an atom or a choice of atoms, which one atom found decides. */
    private static boolean isChoiceOfAtoms(Requirement requirement) {
        return requirement instanceof Requirement.Atom || requirement instanceof Requirement.AnyOf any
                && any.parts().stream().allMatch(part -> part instanceof Requirement.Atom);
    }

    /**
     * Whether the requirement of a member a value {@link ScannedValue#touches touches} holds of it;
     * {@code bits} and {@code found} are what {@link #scan} made of the value.
     */
    boolean holds(int member, long[] bits, int found) {
        ScannedRequirement decision = decisions[member];
        if (decision == null) {
            return true;
        }
        Pass pass = passes.get();
        pass.recall(bits, found);
        return decision.holdsIn(pass.stamps, pass.generation, bits);
    }

    /** How many words of 64 a set of the members takes. */
    int memberWords() {
        return memberWords;
    }

    /** The {@code i}th of the atoms found that {@link #scan} packed, two to a word, at the end of {@code bits}. */
    private int foundAtom(long[] bits, int i) {
        long pair = bits[ScannedValue.MEMBERS + memberWords + (i >> 1)];
        return (int) (pair >>> ((i & 1) << 5));
    }

    /**
     * What one pass over the value tells every member: the bytes it holds (four words), the members
     * its long atoms touch ({@link #memberWords} words), and the long atoms found, from which a
     * member's single bytes are counted with its long atoms and a touched member's requirement is
     * decided. When its long atoms touch no member and count for none that single bytes may
     * complete, as for most values, the bytes are all.
     */
    public ScannedValue scan(String value) {
        Pass pass = passes.get();
        long[] bytes = pass.bytes;
        boolean wide = bytesOf(value, bytes);
        pass.nextValue();
        scanner.scan(value, pass);
        if (pass.touchedNone() && !pass.countedShortOfTouching()) {
            return new ScannedValue(this, Arrays.copyOf(bytes, ScannedValue.MEMBERS), 0, wide);
        }
        return found(pass, bytes, wide);
    }

    /**
     * What {@link #scan} finds in {@code value}, given what it found in {@code alike}, a string that
     * differs from it in ASCII case alone ({@link #sameFolded}): the same atoms, which are looked
     * for folded, and the bytes {@code value} holds. One pass over the bytes instead of the atoms'.
     */
    public ScannedValue refolded(ScannedValue alike, String value) {
        long[] bits = alike.bits().clone();
        bytesOf(value, bits);
        return new ScannedValue(this, bits, alike.found(), alike.wide());
    }

    /** Whether the two strings differ in ASCII case alone, if at all. */
    public static boolean sameFolded(String one, String other) {
        if (one.length() != other.length()) {
            return false;
        }
        for (int i = 0; i < one.length(); i++) {
            char c = one.charAt(i);
            char d = other.charAt(i);
            if (c != d && AtomScanner.fold(c) != AtomScanner.fold(d)) {
                return false;
            }
        }
        return true;
    }

    /** Puts the set of bytes the value holds in the first four words of {@code bits}; whether it holds a char above 0xFF. */
    private static boolean bytesOf(String value, long[] bits) {
        Arrays.fill(bits, 0, ScannedValue.MEMBERS, 0);
        boolean wide = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                wide = true;
            } else {
                bits[c >> 6] |= 1L << c;
            }
        }
        return wide;
    }

    /** What the pass found, with the bytes held: the members it touched and the atoms it found, packed after them. */
    private ScannedValue found(Pass pass, long[] bytes, boolean wide) {
        int foundFrom = ScannedValue.MEMBERS + memberWords;
        long[] bits = new long[foundFrom + (pass.foundSize + 1) / 2];
        System.arraycopy(bytes, 0, bits, 0, ScannedValue.MEMBERS);
        System.arraycopy(pass.touched, 0, bits, ScannedValue.MEMBERS, memberWords);
        for (int i = 0; i < pass.foundSize; i++) {
            bits[foundFrom + (i >> 1)] |= (pass.found[i] & 0xFFFF_FFFFL) << ((i & 1) << 5);
        }
        return new ScannedValue(this, bits, pass.foundSize, wide);
    }

    /**
     * What this scan found in several values, as though in one: the bytes any of them holds, the
     * members any of them touches, the atoms any of them holds. Requirements ask only that atoms
     * and bytes be there, so a member none of the values can match has its requirement hold of
     * this one only when atoms from different values make it up; one whose requirement does not
     * hold of it matches none of them. {@code scans} come from this scan, one at least.
     */
    public ScannedValue union(List<ScannedValue> scans) {
        if (scans.size() == 1) {
            return scans.get(0);
        }
        Pass pass = passes.get();
        pass.nextValue();
        long[] bytes = new long[ScannedValue.MEMBERS];
        boolean wide = false;
        for (int i = 0; i < scans.size(); i++) {
            ScannedValue scanned = scans.get(i);
            long[] bits = scanned.bits();
            for (int word = 0; word < ScannedValue.MEMBERS; word++) {
                bytes[word] |= bits[word];
            }
            wide |= scanned.wide();
            if (bits.length > ScannedValue.MEMBERS) {
                for (int word = 0; word < memberWords; word++) {
                    pass.touched[word] |= bits[ScannedValue.MEMBERS + word];
                }
                for (int f = 0; f < scanned.found(); f++) {
                    pass.foundOnce(foundAtom(bits, f));
                }
            }
        }
        return pass.touchedNone() && pass.foundSize == 0 ? new ScannedValue(this, bytes, 0, wide)
                : found(pass, bytes, wide);
    }

    /**
     * Whether a member the long atoms of a value did not touch is touched once its single bytes the
     * value holds are counted too; {@code bits} and {@code found} are what {@link #scan} made of
     * the value.
     */
    boolean touchesWithShortAtoms(int member, long[] bits, int found) {
        long[] own = shortAtoms[member];
        if (own == null) {
            return false;
        }
        long folded = bits[1] | (bits[1] & UPPER_CASE) << 32;
        int held = Long.bitCount(bits[0] & own[0]) + Long.bitCount(folded & own[1]) + Long.bitCount(bits[2] & own[2])
                + Long.bitCount(bits[3] & own[3]);
        if (held == 0) {
            return false;
        }
        int longAtomsNeeded = Math.max(leastLong[member], least[member] - held);
        for (int f = 0; f < found && longAtomsNeeded > 0; f++) {
            int atom = foundAtom(bits, f);
            for (int i = spans[2 * atom + 1]; i < spans[2 * atom + 2]; i++) {
                if (spanMembers[i] == member) {
                    longAtomsNeeded--;
                    break;
                }
            }
        }
        return longAtomsNeeded <= 0;
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
     * For each long atom, in one array, the members it touches alone (those that need one atom,
     * long or not), then those that need more, whose atoms are counted: atom {@code a}'s members
     * run from {@code spans[2a]}, the counted ones from {@code spans[2a + 1]}, up to
     * {@code spans[2a + 2]}. An atom found costs a pass two reads of memory, not five.
     */
    private static final class AtomMembers {

        final int[] spans;
        private final List<Integer> members = new ArrayList<>();
        private int atoms;

        AtomMembers(int atoms) {
            this.spans = new int[2 * atoms + 1];
        }

        void add(List<Integer> touched, List<Integer> counted) {
            spans[2 * atoms] = members.size();
            members.addAll(touched);
            spans[2 * atoms + 1] = members.size();
            members.addAll(counted);
            atoms++;
            spans[2 * atoms] = members.size();
        }

        int[] members() {
            return members.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * One thread's record of a pass over a value for the long atoms: for the members an atom found
     * does not touch alone, how many of their long atoms were found, each atom counted the first
     * time only (atoms and counts stamped with an earlier pass's generation count as nothing). It
     * never stops the pass.
     */
    private final class Pass implements IntPredicate {

        private final int[] spans;
        private final int[] members;
        private final int[] stamps;
        private final int[] countStamps;
        private final int[] counts;
        private final int[] counted;
        private final long[] touched;
        /** The long atoms found, each once, in the order found. */
        private final int[] found;
        /** The bytes the value holds, four words of 64. */
        private final long[] bytes = new long[ScannedValue.MEMBERS];
        private int countedSize;
        private int foundSize;
        private int generation;
        /** What {@link #scan} made of the value whose atoms {@link #stamps} hold now, when they were recalled rather than found. */
        private long[] recalled;

        Pass(int words) {
            this.spans = SharedScan.this.spans;
            this.members = spanMembers;
            this.stamps = new int[spans.length / 2];
            this.countStamps = new int[least.length];
            this.counts = new int[least.length];
            this.counted = new int[least.length];
            this.touched = new long[words];
            this.found = new int[stamps.length];
        }

        void nextValue() {
            nextGeneration();
            Arrays.fill(touched, 0);
            countedSize = 0;
            foundSize = 0;
        }

        private void nextGeneration() {
            if (++generation == 0) {
                Arrays.fill(stamps, 0);
                Arrays.fill(countStamps, 0);
                generation = 1;
            }
            recalled = null;
        }

        /** Stamps the {@code count} atoms a pass found in a value ({@code bits}), as though it had just found them. */
        void recall(long[] bits, int count) {
            if (bits == recalled) {
                return;
            }
            nextGeneration();
            for (int i = 0; i < count; i++) {
                stamps[foundAtom(bits, i)] = generation;
            }
            recalled = bits;
        }

        /** Keeps an atom found in one of several values, once. */
        void foundOnce(int atom) {
            if (stamps[atom] != generation) {
                stamps[atom] = generation;
                found[foundSize++] = atom;
            }
        }

        @Override
        public boolean test(int atom) {
            if (stamps[atom] != generation) {
                stamps[atom] = generation;
                found[foundSize++] = atom;
                int countedFrom = spans[2 * atom + 1];
                for (int i = spans[2 * atom]; i < countedFrom; i++) {
                    int member = members[i];
                    touched[member >> 6] |= 1L << member;
                }
                int end = spans[2 * atom + 2];
                for (int i = countedFrom; i < end; i++) {
                    int member = members[i];
                    if (countStamps[member] != generation) {
                        countStamps[member] = generation;
                        counts[member] = 0;
                        counted[countedSize++] = member;
                    }
                    int count = ++counts[member];
                    if (count >= least[member] && count >= leastLong[member]) {
                        touched[member >> 6] |= 1L << member;
                    }
                }
            }
            return false;
        }

        boolean touchedNone() {
            for (long word : touched) {
                if (word != 0) {
                    return false;
                }
            }
            return true;
        }

        /** Whether a member the pass counted long atoms of, but did not touch, may be completed by single bytes. */
        boolean countedShortOfTouching() {
            for (int i = 0; i < countedSize; i++) {
                int member = counted[i];
                if (shortAtoms[member] != null && (touched[member >> 6] & 1L << member) == 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
