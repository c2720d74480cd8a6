package io.frontdesk.waf.engine.operator.regex;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rewrites a PCRE pattern as ModSecurity compiles it for {@code @rx} (8-bit code units without
 * UTF or UCP, the C locale's character tables, DOTALL and DOLLAR_ENDONLY) into the syntax of
 * java.util.regex, to be compiled with {@link #JAVA_FLAGS}, and, when it can be, into that of
 * RE2/J, to be compiled with {@link #RE2_FLAGS}; both mean the same as PCRE on byte strings.
 *
 * <p>Every literal is written out again in a form both read one way only; {@code $} becomes
 * {@code \z} outside multi-line mode; {@code \b} and {@code \B} are spelt for Java with ASCII
 * {@code \w} (Java before 19 counts Latin-1 letters as word characters there); {@code \s} is
 * spelt for RE2/J as {@code [[:space:]]}, which has the vertical tab PCRE's {@code \s} has and
 * RE2's lacks; POSIX classes become Java's ASCII properties; named groups become numbered ones;
 * {@code (?x)} spacing and comments are dropped here. RE2/J has no back references, lookaround,
 * atomic groups, possessive quantifiers, {@code \h \v \R \Z \G} or multi-line mode, so a
 * pattern with any of these has no RE2/J form; neither has one with a caseless class mixing ASCII
 * letters and bytes above 0x7F, as RE2/J folds the case of those bytes and PCRE does not. What
 * Java lacks too (recursion, conditionals, branch reset, backtracking verbs, {@code \K}, Unicode
 * properties) is refused, as is what PCRE itself rejects.
 */
final class PcreTranslator {

    static final int JAVA_FLAGS = Pattern.DOTALL | Pattern.UNIX_LINES;
    static final int RE2_FLAGS = com.google.re2j.Pattern.DOTALL;

    /** The pattern in both syntaxes; {@code re2} is null when RE2/J cannot express it. */
    record Translation(String java, String re2) {
    }

    static final String JAVA_WORD_BOUNDARY = "(?:(?<=\\w)(?!\\w)|(?<!\\w)(?=\\w))";
    static final String JAVA_NOT_WORD_BOUNDARY = "(?:(?<=\\w)(?=\\w)|(?<!\\w)(?!\\w))";
    private static final String HEX = "0123456789abcdef";

    /** POSIX class names (all of them but {@code word}) and Java's ASCII property with the same members. */
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(Map.entry("alnum", "Alnum"),
            Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"),
            Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"), Map.entry("graph", "Graph"),
            Map.entry("lower", "Lower"), Map.entry("print", "Print"), Map.entry("punct", "Punct"),
            Map.entry("space", "Space"), Map.entry("upper", "Upper"), Map.entry("xdigit", "XDigit"));

    /** The options a group restores when it closes. */
    private record Options(boolean multiline, boolean extended, boolean caseless) {
    }

    private final PcreReader reader;
    private final StringBuilder java = new StringBuilder();
    private final StringBuilder re2 = new StringBuilder();
    private boolean re2Expressible = true;
    private final Deque<Options> enclosing = new ArrayDeque<>();
    private final Map<String, Integer> names = new HashMap<>();
    private int groups;
    private int highestReference;
    private int highestReferenceAt;
    private Options options = new Options(false, false, false);
    private boolean quoting;
    private boolean inClass;
    /** Whether the last token was a quantifier, which a {@code ?} makes lazy and a {@code +} possessive. */
    private boolean afterQuantifier;

    private PcreTranslator(String pcre) {
        this.reader = new PcreReader(pcre);
    }

    /** The pattern in Java's syntax and RE2/J's; a {@link PatternSyntaxException} says where PCRE would stop. */
    static Translation translate(String pcre) {
        return new PcreTranslator(pcre).translation();
    }

    private Translation translation() {
        while (!reader.atEnd()) {
            char c = reader.read();
            if (quoting) {
                quoted(c);
                afterQuantifier = false;
            } else if (!options.extended() || !skippedSpaceOrComment(c)) {
                afterQuantifier = token(c);
            }
        }
        if (!enclosing.isEmpty()) {
            throw reader.error("missing )", reader.position());
        }
        if (highestReference > groups) {
            throw reader.error("reference to group " + highestReference + ", which does not exist",
                    highestReferenceAt);
        }
        return new Translation(java.toString(), re2Expressible ? re2.toString() : null);
    }

    /** Translates one token; whether it was a quantifier. */
    private boolean token(char c) {
        switch (c) {
            case '\\' -> escape();
            case '[' -> characterClass();
            case '(' -> openGroup();
            case ')' -> closeGroup();
            case '$' -> both(options.multiline() ? "$" : "\\z");
            case '^', '.', '|' -> both(String.valueOf(c));
            case '*' -> {
                both("*");
                return true;
            }
            case '+', '?' -> {
                if (!afterQuantifier) {
                    both(String.valueOf(c));
                    return true;
                }
                if (c == '+') {
                    javaOnly("+");
                } else {
                    both("?");
                }
            }
            case '{' -> {
                return quantifierOrBrace();
            }
            default -> literal(c);
        }
        return false;
    }

    /** Inside {@code \Q...\E} every character is itself, up to {@code \E}; whether {@code c} was one. */
    private boolean quoted(char c) {
        if (c == '\\' && reader.next('E')) {
            quoting = false;
            return false;
        }
        literal(c);
        return true;
    }

    /** In extended mode, white space and {@code #} comments outside classes are not part of the pattern. */
    private boolean skippedSpaceOrComment(char c) {
        if (c == '#') {
            reader.skipLine();
            return true;
        }
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at the brace just read; any other brace is a literal. */
    private boolean quantifierOrBrace() {
        int start = reader.position();
        String least = reader.digits();
        String most = reader.next(',') ? "," + reader.digits() : "";
        if (!least.isEmpty() && reader.next('}')) {
            both("{" + least + most + "}");
            return true;
        }
        reader.moveTo(start);
        literal('{');
        return false;
    }

    private void escape() {
        int at = reader.position() - 1;
        int next = reader.peek(0);
        if (next >= '1' && next <= '9') {
            numberedEscape(at);
            return;
        }
        char c = reader.read(at, "\\ at the end of the pattern");
        switch (c) {
            case 'd', 'D', 'w', 'W', 'A', 'z' -> both("\\" + c);
            case 's' -> both("\\s", "[[:space:]]");
            case 'S' -> both("\\S", "[[:^space:]]");
            case 'h', 'H', 'v', 'V', 'R', 'Z', 'G' -> javaOnly("\\" + c);
            case 'b' -> both(JAVA_WORD_BOUNDARY, "\\b");
            case 'B' -> both(JAVA_NOT_WORD_BOUNDARY, "\\B");
            case 'N' -> both("[^\\n]");
            case 'Q' -> quoting = true;
            case 'E' -> {
                // an \E with no \Q before it is ignored
            }
            case 'g' -> backReference(relativeOrNamedReference(at), at);
            case 'k' -> backReference(namedReference(at), at);
            default -> literal(reader.character(c, at));
        }
    }

    /**
     * {@code \} and a digit other than 0 outside a class: a back reference when the number is below
     * 10, starts with 8 or 9, or that many groups came before; otherwise up to three octal digits.
     */
    private void numberedEscape(int at) {
        int start = reader.position();
        String digits = reader.digits();
        int number = Integer.parseInt(digits.substring(0, Math.min(digits.length(), 6)));
        if (number < 10 || digits.charAt(0) >= '8' || number <= groups) {
            backReference(number, at);
        } else {
            reader.moveTo(start);
            literal(reader.octal(at));
        }
    }

    private void backReference(int group, int at) {
        if (group > highestReference) {
            highestReference = group;
            highestReferenceAt = at;
        }
        // a group of its own, so that a digit after it is not read as part of the number
        javaOnly("(?:\\" + group + ")");
    }

    /** After {@code \g}: {@code n}, {@code -n}, {@code {n}}, {@code {-n}} (counting back) or {@code {name}}. */
    private int relativeOrNamedReference(int at) {
        String reference = reader.next('{') ? reader.until('}', at) : (reader.next('-') ? "-" : "") + reader.digits();
        if (!reference.matches("-?\\d{1,6}")) {
            return group(reference, at);
        }
        int number = Integer.parseInt(reference);
        int group = number < 0 ? groups + 1 + number : number;
        if (group <= 0) {
            throw reader.error("reference to group " + reference + ", which does not exist", at);
        }
        return group;
    }

    /** After {@code \k}: {@code <name>}, {@code 'name'} or {@code {name}}. */
    private int namedReference(int at) {
        char close = switch (reader.read(at, "\\k needs a group name")) {
            case '<' -> '>';
            case '\'' -> '\'';
            case '{' -> '}';
            default -> throw reader.error("\\k needs a group name in <>, '' or {}", at);
        };
        return group(reader.until(close, at), at);
    }

    private int group(String name, int at) {
        Integer group = names.get(name);
        if (group == null) {
            throw reader.error("reference to a group named '" + name + "', which does not come before it", at);
        }
        return group;
    }

    private void openGroup() {
        int at = reader.position() - 1;
        enclosing.push(options);
        if (!reader.next('?')) {
            if (reader.peek(0) == '*') {
                throw reader.error("backtracking verbs (*...) are not supported", at);
            }
            groups++;
            both("(");
            return;
        }
        char c = reader.read(at, "unfinished group");
        switch (c) {
            case ':' -> both("(?:");
            case '>', '=', '!' -> javaOnly("(?" + c);
            case '<' -> {
                if (reader.next('=')) {
                    javaOnly("(?<=");
                } else if (reader.next('!')) {
                    javaOnly("(?<!");
                } else {
                    namedGroup('>', at);
                }
            }
            case '\'' -> namedGroup('\'', at);
            case 'P' -> {
                if (reader.next('<')) {
                    namedGroup('>', at);
                } else if (reader.next('=')) {
                    enclosing.pop();
                    backReference(group(reader.until(')', at), at), at);
                } else {
                    throw reader.error("subroutine calls are not supported", at);
                }
            }
            case '#' -> {
                enclosing.pop();
                reader.until(')', at);
            }
            case '|' -> throw reader.error("branch reset groups are not supported", at);
            case '(' -> throw reader.error("conditional groups are not supported", at);
            default -> {
                reader.moveTo(reader.position() - 1);
                optionSetting(at);
            }
        }
    }

    /** {@code (?P<name>}, {@code (?<name>} or {@code (?'name'}: a numbered group whose number the name stands for. */
    private void namedGroup(char close, int at) {
        String name = reader.until(close, at);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,31}")) {
            throw reader.error("'" + name + "' is not a group name", at);
        }
        groups++;
        if (names.putIfAbsent(name, groups) != null) {
            throw reader.error("two groups are named '" + name + "'", at);
        }
        both("(");
    }

    /**
     * {@code (?imsx-imsx)} for the rest of the enclosing group, or {@code (?imsx-imsx:...)} for its
     * own. Java and RE2/J take i and s as they are, Java m too; x is done here.
     */
    private void optionSetting(int at) {
        StringBuilder letters = new StringBuilder();
        boolean on = true;
        Options changed = options;
        while (true) {
            char c = reader.read(at, "unfinished group");
            switch (c) {
                case '-' -> {
                    if (!on) {
                        throw reader.error("two - in one option setting", at);
                    }
                    on = false;
                    letters.append('-');
                }
                case 'i' -> {
                    changed = new Options(changed.multiline(), changed.extended(), on);
                    letters.append(c);
                }
                case 's' -> letters.append(c);
                case 'm' -> {
                    changed = new Options(on, changed.extended(), changed.caseless());
                    letters.append(c);
                }
                case 'x' -> changed = new Options(changed.multiline(), on, changed.caseless());
                case ')', ':' -> {
                    if (letters.length() > 0 && letters.charAt(letters.length() - 1) == '-') {
                        letters.setLength(letters.length() - 1);
                    }
                    if (c == ')') {
                        enclosing.pop();
                    }
                    if (c == ':' || letters.length() > 0) {
                        String group = "(?" + letters + c;
                        if (letters.indexOf("m") >= 0) {
                            javaOnly(group);
                        } else {
                            both(group);
                        }
                    }
                    options = changed;
                    return;
                }
                default -> throw reader.error(PcreReader.isDigit(c) || c == 'R' || c == '+' || c == '&'
                        ? "recursion and subroutine calls are not supported"
                        : "unknown or unsupported option or group (?" + c, at);
            }
        }
    }

    private void closeGroup() {
        if (enclosing.isEmpty()) {
            throw reader.error("unmatched )", reader.position() - 1);
        }
        options = enclosing.pop();
        both(")");
    }

    /**
     * A class; a {@code ]} first in it (after any {@code ^}) is a member, as in PCRE; a hyphen
     * forms a range between two single characters and is a member anywhere else.
     */
    private void characterClass() {
        int at = reader.position() - 1;
        int re2Start = re2.length();
        both("[");
        if (reader.next('^')) {
            both("^");
        }
        inClass = true;
        boolean first = true;
        boolean letters = false;
        boolean high = false;
        while (true) {
            char c = reader.read(at, "missing ] of the class");
            if (quoting) {
                if (quoted(c)) {
                    first = false;
                    letters |= isAsciiLetter(c);
                    high |= c > 0x7F;
                }
                continue;
            }
            if (c == '\\' && (reader.peek(0) == 'Q' || reader.peek(0) == 'E')) {
                quoting = reader.read() == 'Q';
                continue;
            }
            if (c == ']' && !first) {
                break;
            }
            first = false;
            int low = classMember(c);
            if (low < 0) {
                letters = true;
                continue;
            }
            int highest = low;
            literal(low);
            if (reader.peek(0) == '-' && reader.peek(1) >= 0 && reader.peek(1) != ']') {
                int rangeAt = reader.position();
                reader.next('-');
                highest = classMember(reader.read(at, "missing ] of the class"));
                if (highest < 0) {
                    throw reader.error("a range ends in a class escape", rangeAt);
                }
                if (highest < low) {
                    throw reader.error("range out of order in class", rangeAt);
                }
                both("-");
                literal(highest);
            }
            letters |= low <= 'z' && highest >= 'A' && (low <= 'Z' || highest >= 'a');
            high |= highest > 0x7F;
        }
        inClass = false;
        both("]");
        if (options.caseless() && high) {
            caseSensitiveForRe2(re2Start, letters);
        }
    }

    /**
     * A caseless class with bytes above 0x7F: case-sensitive for RE2/J, which folds those bytes
     * beyond what PCRE does, when no ASCII letter in it needs folding; otherwise Java's alone.
     */
    private void caseSensitiveForRe2(int re2Start, boolean letters) {
        if (letters) {
            re2Expressible = false;
        } else {
            re2.insert(re2Start, "(?-i:").append(')');
        }
    }

    /** A member of a class starting with {@code c}: the byte it stands for, or -1 for a set, written at once. */
    private int classMember(char c) {
        int at = reader.position() - 1;
        if (c == '[' && posixClass(at)) {
            return -1;
        }
        if (c != '\\') {
            return c;
        }
        char e = reader.read(at, "\\ at the end of the pattern");
        switch (e) {
            case 'd', 'D', 'w', 'W' -> both("\\" + e);
            case 's' -> both("\\s", "[:space:]");
            case 'S' -> both("\\S", "[:^space:]");
            case 'h', 'H', 'v', 'V' -> javaOnly("\\" + e);
            case 'b' -> {
                return 0x08;
            }
            case '8', '9' -> throw reader.error("\\" + e + " is not an octal digit", at);
            default -> {
                if (e >= '1' && e <= '7') {
                    reader.moveTo(reader.position() - 1);
                    return reader.octal(at);
                }
                return reader.character(e, at);
            }
        }
        return -1;
    }

    /** {@code [:name:]} or {@code [:^name:]} after the {@code [} just read, written as a set of ASCII characters. */
    private boolean posixClass(int at) {
        String name = reader.posixClassName();
        if (name == null) {
            return false;
        }
        boolean negated = name.startsWith("^");
        String bare = negated ? name.substring(1) : name;
        if (bare.equals("word")) {
            both(negated ? "\\W" : "\\w");
        } else if (POSIX_CLASSES.containsKey(bare)) {
            both((negated ? "\\P{" : "\\p{") + POSIX_CLASSES.get(bare) + "}", "[:" + name + ":]");
        } else {
            throw reader.error("unknown POSIX class [:" + name + ":]", at);
        }
        return true;
    }

    /**
     * A byte as both read it literally: letters and digits bare, other printable ASCII escaped, the
     * rest in hex. RE2/J folds case beyond ASCII (0xE9 with 0xC9, say), so in a caseless part a
     * byte above 0x7F is matched case-sensitively there, which PCRE's C-locale tables amount to.
     */
    private void literal(int b) {
        StringBuilder text = new StringBuilder(6);
        if (PcreReader.isDigit(b) || isAsciiLetter(b)) {
            text.append((char) b);
        } else if (b > ' ' && b < 0x7F) {
            text.append('\\').append((char) b);
        } else {
            text.append("\\x{").append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 15)).append('}');
        }
        if (options.caseless() && b > 0x7F && !inClass) {
            both(text.toString(), "(?-i:" + text + ")");
        } else {
            both(text.toString());
        }
    }

    private void both(String text) {
        both(text, text);
    }

    private void both(String javaText, String re2Text) {
        java.append(javaText);
        re2.append(re2Text);
    }

    private void javaOnly(String text) {
        java.append(text);
        re2Expressible = false;
    }

    private static boolean isAsciiLetter(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
