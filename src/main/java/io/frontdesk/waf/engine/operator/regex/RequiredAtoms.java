package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The atoms every match of a pattern contains, read from the pattern's translation into
 * java.util.regex's syntax, which {@link PcreTranslator} writes in a small regular form (literals
 * spelt one way, no comments, no quoting, no named groups).
 *
 * <p>Each piece of the pattern is known either exactly, as the few (folded) strings it can match,
 * or by a {@link Requirement} on the text it matches. A literal is its one string; a class of a few
 * bytes is those bytes; a sequence multiplies exact sets while they stay small, and otherwise asks
 * for each of its pieces; an alternation is the union, or one of its branches' requirements; a
 * piece repeated a few times is its few repetitions, one that may be absent ({@code *},
 * {@code {0,n}} of a piece of many strings) asks for nothing, one repeated at least n times asks
 * for n repetitions when they are few strings, else what the piece asks. Anchors and lookaround match no text and add nothing (what a
 * lookaround looks at is not taken into account); a back reference, {@code .}, a large class, may
 * be anything. Whatever is not recognised gives up on the whole pattern, which then asks for
 * nothing: the requirement may be weaker than the pattern, never stronger.
 */
final class RequiredAtoms extends TranslationReader {

    /** The most strings an exact set may have before it is turned into a requirement. */
    static final int MOST_EXACT = 16;

    private static final Knowledge EMPTY = exactly(Set.of(""));
    private static final Knowledge ANYTHING = new Knowledge(null, Requirement.NONE);

    /** What the texts a piece matches are: exactly one of {@code exact}, or, when that is null, texts meeting {@code contains}. */
    private record Knowledge(Set<String> exact, Requirement contains) {

        Requirement requirement() {
            return exact != null ? Requirement.anyOfStrings(exact) : contains;
        }
    }

    private final Map<String, Knowledge> classes = new HashMap<>();

    private RequiredAtoms(String source) {
        super(source);
    }

    /** The requirement every match of the pattern meets, {@code javaSource} being its translation. */
    static Requirement of(String javaSource) {
        RequiredAtoms analysis = new RequiredAtoms(javaSource);
        try {
            Knowledge whole = analysis.alternation();
            return analysis.atEnd() ? whole.requirement() : Requirement.NONE;
        } catch (Unrecognised e) {
            return Requirement.NONE;
        }
    }

    private Knowledge alternation() {
        List<Knowledge> branches = new ArrayList<>();
        branches.add(sequence());
        while (next('|')) {
            branches.add(sequence());
        }
        return branches.size() == 1 ? branches.get(0) : choice(branches);
    }

    private static Knowledge choice(List<Knowledge> branches) {
        Set<String> union = new LinkedHashSet<>();
        for (Knowledge branch : branches) {
            if (branch.exact() == null) {
                return new Knowledge(null, Requirement.anyOf(branches.stream().map(Knowledge::requirement).toList()));
            }
            union.addAll(branch.exact());
        }
        return union.size() <= MOST_EXACT ? exactly(union)
                : new Knowledge(null, Requirement.anyOf(branches.stream().map(Knowledge::requirement).toList()));
    }

    /** Pieces one after the other, up to the end of a branch: exact strings run together while they stay few. */
    private Knowledge sequence() {
        List<Requirement> required = new ArrayList<>();
        Set<String> run = Set.of("");
        boolean exact = true;
        while (!atEnd() && peek() != '|' && peek() != ')') {
            Knowledge piece = quantified(piece());
            if (piece.exact() == null) {
                exact = false;
                required.add(Requirement.anyOfStrings(run));
                required.add(piece.contains());
                run = Set.of("");
            } else if (run.size() * piece.exact().size() > MOST_EXACT) {
                exact = false;
                required.add(Requirement.anyOfStrings(run));
                run = piece.exact();
            } else {
                run = concatenation(run, piece.exact());
            }
        }
        if (exact) {
            return exactly(run);
        }
        required.add(Requirement.anyOfStrings(run));
        return new Knowledge(null, Requirement.all(required));
    }

    private static Set<String> concatenation(Set<String> heads, Set<String> tails) {
        Set<String> joined = new LinkedHashSet<>();
        for (String head : heads) {
            for (String tail : tails) {
                joined.add(head + tail);
            }
        }
        return joined;
    }

    /** The piece under the quantifiers that follow it, if any. */
    private Knowledge quantified(Knowledge piece) {
        Knowledge result = piece;
        while (!atEnd()) {
            int least;
            int most;
            char c = peek();
            if (c == '*' || c == '+' || c == '?') {
                position++;
                least = c == '+' ? 1 : 0;
                most = c == '?' ? 1 : Integer.MAX_VALUE;
            } else if (c == '{') {
                position++;
                least = number();
                most = next(',') ? (peek() == '}' ? Integer.MAX_VALUE : number()) : least;
                expect('}');
            } else {
                return result;
            }
            if (!next('?')) {
                next('+');
            }
            result = repeated(result, least, most);
        }
        return result;
    }

    /**
     * A piece repeated: an exact piece stays exact while its repetitions are few ({@code \\.{2,3}}
     * is {@code ..} or {@code ...}); one repeated without a small bound asks for its least
     * repetitions run together ({@code a{2,}} asks for {@code aa}).
     */
    private static Knowledge repeated(Knowledge piece, int least, int most) {
        if (least == 1 && most == 1) {
            return piece;
        }
        Set<String> leastCopies = piece.exact() == null ? null : copies(Set.of(""), piece.exact(), least);
        if (leastCopies == null) {
            return least == 0 ? ANYTHING : new Knowledge(null, piece.requirement());
        }
        if (most != Integer.MAX_VALUE) {
            Set<String> optional = new LinkedHashSet<>(piece.exact());
            optional.add("");
            Set<String> all = copies(leastCopies, optional, most - least);
            if (all != null) {
                return exactly(all);
            }
        }
        return least == 0 ? ANYTHING : new Knowledge(null, Requirement.anyOfStrings(leastCopies));
    }

    /** {@code heads} followed by {@code count} copies of {@code piece}, or null when that makes more than {@link #MOST_EXACT} strings. */
    private static Set<String> copies(Set<String> heads, Set<String> piece, int count) {
        Set<String> strings = heads;
        for (int copy = 0; copy < count; copy++) {
            if ((long) strings.size() * piece.size() > MOST_EXACT) {
                return null;
            }
            strings = concatenation(strings, piece);
        }
        return strings;
    }

    private Knowledge piece() {
        char c = read();
        return switch (c) {
            case '(' -> group();
            case '[' -> characterClass();
            case '\\' -> escape();
            case '.' -> ANYTHING;
            case '^', '$' -> EMPTY;
            case ')', '|', '*', '+', '?', '{', '}', ']' -> throw new Unrecognised();
            default -> literal(c);
        };
    }

    private Knowledge group() {
        if (!next('?')) {
            return groupBody();
        }
        char c = read();
        switch (c) {
            case ':', '>' -> {
                return groupBody();
            }
            case '=', '!' -> {
                groupBody();
                return EMPTY;
            }
            case '<' -> {
                if (!next('=') && !next('!')) {
                    throw new Unrecognised();
                }
                groupBody();
                return EMPTY;
            }
            default -> {
                position--;
                while (!atEnd() && "ims-".indexOf(peek()) >= 0) {
                    position++;
                }
                if (next(')')) {
                    return EMPTY;
                }
                expect(':');
                return groupBody();
            }
        }
    }

    private Knowledge groupBody() {
        Knowledge inner = alternation();
        expect(')');
        return inner;
    }

    private Knowledge escape() {
        char c = read();
        return switch (c) {
            case 'x' -> literal(hexByte());
            case 'd', 'D', 'w', 'W', 's', 'S', 'h', 'H', 'v', 'V' -> bytesMatching("\\" + c);
            case 'A', 'z', 'Z', 'G', 'b', 'B' -> EMPTY;
            case 'R' -> ANYTHING;
            default -> {
                if (c >= '1' && c <= '9') {
                    position--;
                    number();
                    yield ANYTHING;
                }
                if (Character.isLetterOrDigit(c)) {
                    throw new Unrecognised();
                }
                yield literal(c);
            }
        };
    }

    /**
     * A class, up to its first unescaped {@code ]} (the translation escapes a {@code ]} member): the
     * bytes it matches, tried one by one. Nested classes and intersections are not recognised.
     */
    private Knowledge characterClass() {
        return bytesMatching(characterClassFrom(position - 1));
    }

    /**
     * A piece that matches one character, compiled on its own and tried with every byte, caselessly
     * (which only adds members): its few bytes, or anything when it has many or matches beyond bytes.
     */
    private Knowledge bytesMatching(String piece) {
        return classes.computeIfAbsent(piece, text -> {
            Pattern pattern = singleCharacter(text);
            if (matchesBeyondBytes(pattern)) {
                return ANYTHING;
            }
            Set<String> members = new LinkedHashSet<>();
            for (char b = 0; b <= 0xFF; b++) {
                if (pattern.matcher(String.valueOf(b)).matches()) {
                    members.add(String.valueOf(AtomScanner.fold(b)));
                }
            }
            return members.isEmpty() || members.size() > MOST_EXACT ? ANYTHING : exactly(members);
        });
    }

    private static Knowledge literal(char c) {
        return exactly(Set.of(String.valueOf(AtomScanner.fold(c))));
    }

    private static Knowledge exactly(Set<String> strings) {
        return new Knowledge(strings, null);
    }
}
