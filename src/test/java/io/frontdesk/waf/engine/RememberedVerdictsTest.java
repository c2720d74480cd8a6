package io.frontdesk.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.waf.engine.rule.Rule;

/**
 * A value's record remembers the verdicts of the rules whose operator's verdict is the value's
 * alone; later transactions on the thread do not ask those rules again, and see what they would
 * have seen.
 */
class RememberedVerdictsTest {

    @TempDir
    Path directory;

    @Test
    void aMissIsRemembered() throws IOException {
        RuleSet rules = rules("SecRule ARGS:q \"@rx attack\" \"id:1,phase:1,t:lowercase,deny\"\n");
        Rule rule = rules.phase(1).rule(0);

        assertThat(request(rules, "q=Harmless+Words").interruption()).isNull();

        TransformedValues.Made made = rules.recentValues().keptHere("Harmless Words");
        assertThat(rule.verdictSlot()).isNotNegative();
        assertThat(made.decided(rule.verdictSlot())).isTrue();
        assertThat(made.matched(rule.verdictSlot())).isFalse();
    }

    @Test
    void aMultiMatchRuleHasEachStepsMissRemembered() throws IOException {
        RuleSet rules = rules("SecRule ARGS:q \"@rx ^abc$\" \"id:1,phase:1,t:lowercase,multiMatch,deny\"\n");
        Rule rule = rules.phase(1).rule(0);

        assertThat(request(rules, "q=ABC").interruption()).isNotNull();
        assertThat(request(rules, "q=ABC").interruption()).as("the second time").isNotNull();

        TransformedValues.Made made = rules.recentValues().keptHere("ABC");
        assertThat(made.decided(rule.verdictSlot())).as("the value as it came").isTrue();
        assertThat(made.matched(rule.verdictSlot())).as("the value as it came").isFalse();
        assertThat(made.decided(rule.verdictSlot() + 1)).as("lower-cased").isTrue();
        assertThat(made.matched(rule.verdictSlot() + 1)).as("lower-cased").isTrue();
    }

    @Test
    void aMatchOfARuleThatCapturesNothingIsRemembered() throws IOException {
        RuleSet rules = rules("SecRule ARGS:q \"@rx attack\" \"id:1,phase:1,deny\"\n");
        Rule rule = rules.phase(1).rule(0);

        assertThat(request(rules, "q=an+attack").interruption()).isNotNull();
        assertThat(request(rules, "q=an+attack").interruption()).as("the second time").isNotNull();
        assertThat(rules.recentValues().keptHere("an attack").matched(rule.verdictSlot())).isTrue();
    }

    @Test
    void aRuleThatCapturesCapturesEachTime() throws IOException {
        RuleSet rules = rules("""
                SecRule ARGS:q "@rx a(b)c" "id:1,phase:1,capture,pass,nolog,setvar:tx.got=%{tx.1}"
                SecRule TX:got "@streq b" "id:2,phase:1,deny,status:403"
                """);

        assertThat(request(rules, "q=abc").interruption()).isNotNull();
        assertThat(request(rules, "q=abc").interruption()).as("the second time").isNotNull();
    }

    @Test
    void aNegatedRuleMatchesAValueItsOperatorIsRememberedToMiss() throws IOException {
        RuleSet rules = rules("SecRule ARGS:q \"!@rx ^[a-z]+$\" \"id:1,phase:1,deny,status:403\"\n");

        assertThat(request(rules, "q=Not+Plain").interruption()).isNotNull();
        assertThat(request(rules, "q=Not+Plain").interruption()).as("once the miss is remembered").isNotNull();
        assertThat(request(rules, "q=plain").interruption()).isNull();
    }

    @Test
    void aMatchThatGaveUpIsNotRememberedAsAMiss() throws IOException {
        RuleSet rules = rules("""
                SecRule ARGS:payload "@rx (?=a)(.*a){12}$" "id:1,phase:1,pass,nolog"
                SecRule TX:MSC_PCRE_LIMITS_EXCEEDED "@eq 1" "id:2,phase:1,deny,status:403"
                """);
        String payload = "payload=" + "a".repeat(30) + "!";

        assertThat(request(rules, payload).interruption()).isNotNull();
        assertThat(request(rules, payload).interruption()).as("the second time").isNotNull();
    }

    @Test
    void aPatternWithMacrosIsAskedEachTime() throws IOException {
        RuleSet rules = rules("""
                SecAction "id:1,phase:1,pass,nolog,setvar:tx.word=%{ARGS.word}"
                SecRule ARGS:q "@rx %{tx.word}" "id:2,phase:1,deny,status:403"
                """);

        assertThat(rules.phase(1).rule(1).verdictSlot()).isNegative();
        assertThat(request(rules, "word=x&q=harmless").interruption()).isNull();
        assertThat(request(rules, "word=harm&q=harmless").interruption()).isNotNull();
    }

    private RuleSet rules(String text) throws IOException {
        Path file = directory.resolve("rules.conf");
        Files.writeString(file, text);
        return RuleSetLoader.load(List.of(file));
    }

    private static Transaction request(RuleSet rules, String query) {
        Transaction transaction = rules.newTransaction("test-id");
        transaction.requestLine("GET", "/?" + query, "HTTP/1.1");
        transaction.processRequestHeaders();
        return transaction;
    }
}
