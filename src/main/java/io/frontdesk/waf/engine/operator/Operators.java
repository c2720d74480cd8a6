package io.frontdesk.waf.engine.operator;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every operator the engine has, by its SecLang name, made from its argument. A bad argument is an
 * {@link IllegalArgumentException} whose message names the operator; the loader adds file and line.
 */
public final class Operators {

    /** Operators that read files, relative to the rule file's directory. */
    private static final Map<String, BiFunction<String, Path, Operator>> WITH_FILES = Map.of(
            "pmFromFile", PhraseMatch::ofFiles,
            "pmf", PhraseMatch::ofFiles,
            "ipMatchFromFile", IpMatch::ofFile,
            "ipMatchF", IpMatch::ofFile);

    private static final Map<String, Function<String, Operator>> BY_NAME = Map.ofEntries(
            Map.entry("rx", RegexMatch::of),
            Map.entry("pm", PhraseMatch::ofPhrases),
            Map.entry("ipMatch", IpMatch::ofList),
            Map.entry("streq", argument -> new StringComparison(argument, StringComparison.EQUALS)),
            Map.entry("contains", argument -> new StringComparison(argument, StringComparison.CONTAINS)),
            Map.entry("containsWord", argument -> new StringComparison(argument, StringComparison.CONTAINS_WORD)),
            Map.entry("beginsWith", argument -> new StringComparison(argument, StringComparison.BEGINS_WITH)),
            Map.entry("endsWith", argument -> new StringComparison(argument, StringComparison.ENDS_WITH)),
            Map.entry("within", argument -> new StringComparison(argument, StringComparison.WITHIN)),
            Map.entry("strmatch", argument -> new StringComparison(argument, StringComparison.CONTAINS)),
            Map.entry("eq", argument -> new NumericComparison(argument, NumericComparison.EQ)),
            Map.entry("ne", argument -> new NumericComparison(argument, NumericComparison.NE)),
            Map.entry("gt", argument -> new NumericComparison(argument, NumericComparison.GT)),
            Map.entry("ge", argument -> new NumericComparison(argument, NumericComparison.GE)),
            Map.entry("lt", argument -> new NumericComparison(argument, NumericComparison.LT)),
            Map.entry("le", argument -> new NumericComparison(argument, NumericComparison.LE)),
            Map.entry("unconditionalMatch", argument -> (value, context) -> true),
            Map.entry("noMatch", argument -> (value, context) -> false),
            // A DNS block list needs lookups the event loop must not wait for; offline, nothing is listed.
            Map.entry("rbl", argument -> (value, context) -> false),
            // No GeoIP database is loaded (SecGeoLookupDb is not supported): no address is located.
            Map.entry("geoLookup", argument -> (value, context) -> false),
            Map.entry("validateByteRange", ValidateByteRange::new),
            Map.entry("validateUrlEncoding", argument -> new ValidateUrlEncoding()),
            Map.entry("validateUtf8Encoding", argument -> new ValidateUtf8Encoding()),
            Map.entry("verifyCC", VerifyCreditCard::new),
            Map.entry("detectSQLi", argument -> new DetectSqlInjection()),
            Map.entry("detectXSS", argument -> new DetectXss()));

    private Operators() {
    }

    /** Whether the engine has an operator of that name. */
    public static boolean has(String name) {
        return WITH_FILES.containsKey(name) || BY_NAME.containsKey(name);
    }

    /**
     * The operator made from its argument, or {@code null} when the engine has none of that name
     * yet; {@code directory} is the rule file's, for operators that read files.
     */
    public static Operator create(String name, String argument, Path directory) {
        BiFunction<String, Path, Operator> reading = WITH_FILES.get(name);
        if (reading != null) {
            return reading.apply(argument, directory);
        }
        Function<String, Operator> factory = BY_NAME.get(name);
        return factory == null ? null : factory.apply(argument);
    }
}
