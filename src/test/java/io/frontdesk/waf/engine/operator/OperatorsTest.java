package io.frontdesk.waf.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.frontdesk.waf.engine.macro.Macro;
import io.frontdesk.waf.engine.seclang.Variable;

/** The operators, with the arguments CRS gives them, on values a request could carry. */
class OperatorsTest {

    /** Where @pmFromFile finds its data files, as it finds them beside the rule files. */
    private static final Path RULES = Path.of("src", "test", "resources", "waf", "operator-data");

    /** Transaction variables for macros, and the captures made. */
    private static final class Context implements OperatorContext {

        final Map<String, String> tx = new HashMap<>(Map.of("inbound_anomaly_score_threshold", "5",
                "allowed_methods", "GET HEAD POST", "allowed_request_content_type_charset", "utf-8|iso-8859-1"));
        final Map<Integer, String> captures = new HashMap<>();
        final List<String> limitsExceeded = new ArrayList<>();

        @Override
        public String value(Variable variable, String key) {
            return variable == Variable.TX ? tx.getOrDefault(key, "") : "";
        }

        @Override
        public boolean capturing() {
            return true;
        }

        @Override
        public void capture(int index, String text) {
            captures.put(index, text);
        }

        @Override
        public void matchLimitExceeded(String detail) {
            limitsExceeded.add(detail);
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("streq", "POST", "POST", true),
                Arguments.of("streq", "POST", "post", false),
                Arguments.of("contains", "<script", "a<script>", true),
                Arguments.of("containsWord", "select", "1 select(2)", true),
                Arguments.of("containsWord", "select", "selection", false),
                Arguments.of("containsWord", "select", "1select_2", true),
                Arguments.of("beginsWith", "/admin", "/admin/x", true),
                Arguments.of("endsWith", ".php", "/x.php", true),
                Arguments.of("within", "%{tx.allowed_methods}", "POST", true),
                Arguments.of("within", "%{tx.allowed_methods}", "PUT", false),
                Arguments.of("strmatch", "WebZIP", "Mozilla WebZIP/4", true),
                Arguments.of("eq", "0", "", true),
                Arguments.of("eq", "0", "abc", true),
                Arguments.of("ge", "%{tx.inbound_anomaly_score_threshold}", "5", true),
                Arguments.of("ge", "%{TX.inbound_anomaly_score_threshold}", "4", false),
                Arguments.of("gt", "3", "5abc", true),
                Arguments.of("lt", "1", "-2", true),
                Arguments.of("le", "255", "256", false),
                Arguments.of("ne", "1", "2", true),
                Arguments.of("rx", "(?i)union[\\s\\x0b]+select", "1 UNION\u000b SELECT 2", true),
                Arguments.of("rx", "(?i)union[\\s\\x0b]+select", "reunion selection", true),
                Arguments.of("rx", "(?i)\\bunion\\b", "reunion", false),
                Arguments.of("rx", "^[\\d.:]+$", "10.0.0.1\n", false),
                Arguments.of("rx", "^%{tx.allowed_request_content_type_charset}$", "utf-8", true),
                Arguments.of("rx", "^%{tx.allowed_request_content_type_charset}$", "utf-7", false),
                Arguments.of("rx", "%{tx.missing}", "anything", true),
                Arguments.of("pm", "AppleWebKit Android", "Mozilla/5.0 (Linux; ANDROID 14)", true),
                Arguments.of("pm", "AppleWebKit Android", "curl/8.0", false),
                Arguments.of("pm", "he she his hers", "ushers", true),
                Arguments.of("pmFromFile", "scanner-user-agents.data", "Mozilla/5.0 sqlmap/1.7", true),
                Arguments.of("pmFromFile", "scanner-user-agents.data", "Mozilla/5.0 (X11; Linux) Firefox/120", false),
                Arguments.of("pmFromFile", "scanner-user-agents.data", "# Scanners, one a line.", false),
                Arguments.of("pmFromFile", "scanner-user-agents.data restricted-files.data", "GET /.htaccess", true),
                Arguments.of("pmFromFile", "restricted-files.data", "/app/.git/config", true),
                Arguments.of("ipMatch", "10.0.0.0/8,192.168.1.7,::1", "10.20.30.40", true),
                Arguments.of("ipMatch", "10.0.0.0/8,192.168.1.7,::1", "192.168.1.8", false),
                Arguments.of("ipMatch", "10.0.0.0/8,192.168.1.7,::1", "::1", true),
                Arguments.of("ipMatch", "10.0.0.0/8", "not an address", false),
                Arguments.of("ipMatch", "::ffff:10.0.0.0/104", "::ffff:10.1.2.3", true),
                Arguments.of("ipMatch", "10.0.0.0/8", "::ffff:10.1.2.3", true),
                Arguments.of("ipMatch", "::ffff:10.0.0.0/104", "10.1.2.3", false),
                Arguments.of("verifyCC", "\\d{13,16}", "card 4111111111111111 here", true),
                Arguments.of("verifyCC", "\\d{16}", "card 4111111111111112 here", false),
                Arguments.of("verifyCC", "\\d{16}", "14111111111111111", true),
                Arguments.of("unconditionalMatch", "", "anything", true),
                Arguments.of("noMatch", "", "anything", false),
                Arguments.of("validateByteRange", "32-126", "plain text", false),
                Arguments.of("validateByteRange", "32-126", "tab\there", true),
                Arguments.of("validateByteRange", "9,10,13,32-126", "tab\there", false),
                Arguments.of("validateUrlEncoding", "", "a%20b", false),
                Arguments.of("validateUrlEncoding", "", "a%2gb", true),
                Arguments.of("validateUrlEncoding", "", "a%2", true),
                Arguments.of("validateUtf8Encoding", "", "caf\u00C3\u00A9", false),
                Arguments.of("validateUtf8Encoding", "", "caf\u00E9", true),
                Arguments.of("validateUtf8Encoding", "", "\u00C0\u00AF", true),
                Arguments.of("validateUtf8Encoding", "", "\u00ED\u00A0\u0080", true),
                Arguments.of("detectSQLi", "", "1' or '1'='1", true),
                Arguments.of("detectSQLi", "", "1 UNION SELECT password FROM users", true),
                Arguments.of("detectSQLi", "", "O'Reilly and sons", false),
                Arguments.of("detectXSS", "", "<img src=x onerror=alert(1)>", true),
                Arguments.of("detectXSS", "", "\" onfocus=\"alert(1)", true),
                Arguments.of("detectXSS", "", "a < b and <b>bold</b>", false));
    }

    @ParameterizedTest(name = "@{0} {1} on {2}")
    @MethodSource("cases")
    void decides(String name, String argument, String value, boolean expected) {
        assertThat(Operators.create(name, argument, RULES).matches(value, new Context())).isEqualTo(expected);
    }

    @Test
    void aMatchCapturesWhatMatched() {
        Context context = new Context();
        Operators.create("validateByteRange", "32-126", RULES).matches("ab\u0001", context);
        assertThat(context.captures).containsEntry(0, "\u0001");
    }

    @Test
    void sqlInjectionCapturesItsFingerprint() {
        Context context = new Context();
        assertThat(Operators.create("detectSQLi", "", RULES).matches("1' or '1'='1", context)).isTrue();
        assertThat(context.captures).containsEntry(0, "s&sos");
        Context innocent = new Context();
        assertThat(Operators.create("detectSQLi", "", RULES).matches("O'Reilly", innocent)).isFalse();
        assertThat(innocent.captures).isEmpty();
    }

    @Test
    void regexMatchingCapturesTheGroupsThatTookPart() {
        Context context = new Context();
        assertThat(Operators.create("rx", "(a)|(b)(c)?(d)", RULES).matches("xbd", context)).isTrue();
        assertThat(context.captures).containsOnly(Map.entry(0, "bd"), Map.entry(2, "b"), Map.entry(4, "d"));
        Context many = new Context();
        Operators.create("rx", "(1)(2)(3)(4)(5)(6)(7)(8)(9)(10)(11)", RULES).matches("1234567891011", many);
        assertThat(many.captures).hasSize(10).containsEntry(9, "9").doesNotContainKey(10);
    }

    @Test
    void aRegexThatRunsOutOfItsBudgetDoesNotMatchAndSaysSo() {
        Context context = new Context();
        Operator catastrophic = Operators.create("rx", "^(?=a)(a+)+$", RULES);
        assertThat(catastrophic.matches("a".repeat(10_000) + "!", context)).isFalse();
        assertThat(context.limitsExceeded).singleElement().asString().contains("budget");
        assertThat(catastrophic.matches("a".repeat(10_000), context)).isTrue();
    }

    @Test
    void verifyCCCapturesTheCardAndRunsOutOfItsBudgetAsRxDoes() {
        Context context = new Context();
        assertThat(Operators.create("verifyCC", "\\d{16}", RULES).matches("n: 14111111111111111", context)).isTrue();
        assertThat(context.captures).containsEntry(0, "4111111111111111");
        // the x makes the value worth searching: without the one literal every match holds, it is not searched
        assertThat(Operators.create("verifyCC", "(?:\\d+)+x", RULES).matches("x" + "1".repeat(10_000), context))
                .isFalse();
        assertThat(context.limitsExceeded).singleElement().asString().contains("budget");
    }

    @Test
    void anExpansionThatIsNoPatternMatchesNothing() {
        Context context = new Context();
        context.tx.put("pattern", "(unclosed");
        assertThat(Operators.create("rx", "%{tx.pattern}", RULES).matches("(unclosed", context)).isFalse();
        context.tx.put("pattern", "[0-9]+");
        assertThat(Operators.create("rx", "%{tx.pattern}", RULES).matches("a1", context)).isTrue();
    }

    @Test
    void phraseMatchingCapturesThePhraseFound() {
        Context context = new Context();
        assertThat(Operators.create("pm", "passwd shadow", RULES).matches("/etc/SHADOW", context)).isTrue();
        assertThat(context.captures).containsEntry(0, "shadow");
        assertThatThrownBy(() -> Operators.create("pmFromFile", "missing.data", RULES))
                .hasMessageContaining("@pmFromFile: cannot read");
    }

    @Test
    void badArgumentsAndUnknownNamesAreSaidAtOnce() {
        assertThatThrownBy(() -> Operators.create("validateByteRange", "1-300", RULES))
                .hasMessageContaining("@validateByteRange").hasMessageContaining("300");
        assertThatThrownBy(() -> Operators.create("validateByteRange", "a-b", RULES))
                .hasMessageContaining("not a list of bytes");
        assertThatThrownBy(() -> Operators.create("ipMatch", "10.0.0.0/40", RULES))
                .hasMessageContaining("@ipMatch: '10.0.0.0/40' is not an IP address");
        assertThatThrownBy(() -> Operators.create("rx", "a(?<b", RULES))
                .hasMessageStartingWith("@rx: missing > at offset 1");
        assertThatThrownBy(() -> Operators.create("rx", "(?(1)a|b)", RULES))
                .hasMessageContaining("@rx: conditional groups are not supported");
        assertThat(Operators.create("fuzzyHash", "x", RULES)).isNull();
    }

    @Test
    void macrosExpandReferencesAndKeepTheRest() {
        Context context = new Context();
        assertThat(Macro.parse("score %{TX.Inbound_Anomaly_Score_Threshold} of %{tx.missing}!").expand(context))
                .isEqualTo("score 5 of !");
        assertThat(Macro.parse("100% {x} %{unclosed").isConstant()).isTrue();
        assertThat(Macro.parse("100% {x} %{unclosed").expand(context)).isEqualTo("100% {x} %{unclosed");
    }
}
