package io.frontdesk.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.waf.engine.rule.Rule;

/**
 * A rule is turned away before its values are taken one by one only when the shared scan tells it
 * cannot match any of them; rules whose not matching that cannot tell are evaluated as before.
 */
class RuleGateTest {

    /** Rules reading ARGS through t:lowercase, enough of them for that chain's values to be scanned. */
    private static final String LOWERCASE_READERS = """
            SecRule ARGS "@rx union\\s+select" "id:1,phase:2,pass,log,t:lowercase"
            SecRule ARGS "@rx <script" "id:2,phase:2,pass,log,t:lowercase"
            SecRule ARGS "@pm eval( exec(" "id:3,phase:2,pass,log,t:lowercase"
            """;

    private static final BudgetMeter UNMETERED = new BudgetMeter(null);

    @TempDir
    Path directory;

    @Test
    void turnsAwayARuleNoneOfWhoseValuesHoldsItsAtoms() throws IOException {
        RuleSet rules = load(LOWERCASE_READERS);
        RuleGate gate = gateOver(rules, "page", "2", "sort", "price", "q", "union of trades");

        assertThat(gate.turnsAway(rule(rules, 1), UNMETERED)).as("union without select").isTrue();
        assertThat(gate.turnsAway(rule(rules, 2), UNMETERED)).isTrue();
        assertThat(gate.turnsAway(rule(rules, 3), UNMETERED)).isTrue();
    }

    @Test
    void evaluatesARuleOneOfWhoseValuesHoldsItsAtoms() throws IOException {
        RuleSet rules = load(LOWERCASE_READERS);
        RuleGate gate = gateOver(rules, "page", "2", "q", "1 UNION SELECT password", "next", "EXEC(ls)");

        assertThat(gate.turnsAway(rule(rules, 1), UNMETERED)).isFalse();
        assertThat(gate.turnsAway(rule(rules, 2), UNMETERED)).isTrue();
        assertThat(gate.turnsAway(rule(rules, 3), UNMETERED)).isFalse();
    }

    @Test
    void evaluatesRulesWhoseNotMatchingTheScanCannotTell() throws IOException {
        RuleSet rules = load(LOWERCASE_READERS + """
                SecRule ARGS "!@rx <script" "id:10,phase:2,pass,log,t:lowercase"
                SecRule TX:score|ARGS "@rx <script" "id:11,phase:2,pass,log,t:lowercase"
                SecRule &ARGS "@rx <script" "id:12,phase:2,pass,log,t:lowercase"
                SecRule ARGS "@rx <script" "id:13,phase:2,pass,log,t:none,t:lowercase,multiMatch"
                SecRule ARGS "@rx <script" "id:14,phase:2,pass,log,t:base64Decode"
                """);
        RuleGate gate = gateOver(rules, "q", "harmless");

        assertThat(gate.turnsAway(rule(rules, 2), UNMETERED)).isTrue();
        assertThat(gate.turnsAway(rule(rules, 10), UNMETERED)).as("negated").isFalse();
        assertThat(gate.turnsAway(rule(rules, 11), UNMETERED)).as("reads TX").isFalse();
        assertThat(gate.turnsAway(rule(rules, 12), UNMETERED)).as("counts").isFalse();
        assertThat(gate.turnsAway(rule(rules, 13), UNMETERED)).as("multiMatch").isFalse();
        assertThat(gate.turnsAway(rule(rules, 14), UNMETERED)).as("a chain too few rules read to be scanned").isFalse();
    }

    @Test
    void asksAboutTheValuesOfAKeyedTargetAlone() throws IOException {
        RuleSet rules = load(LOWERCASE_READERS + """
                SecRule ARGS:q "@rx <script" "id:20,phase:2,pass,log,t:lowercase"
                SecRule ARGS:/^n/ "@rx <script" "id:21,phase:2,pass,log,t:lowercase"
                """);
        RuleGate gate = gateOver(rules, "q", "harmless", "next", "<SCRIPT>alert(1)");

        assertThat(gate.turnsAway(rule(rules, 2), UNMETERED)).isFalse();
        assertThat(gate.turnsAway(rule(rules, 20), UNMETERED)).as("q holds no <script").isTrue();
        assertThat(gate.turnsAway(rule(rules, 21), UNMETERED)).isFalse();
    }

    @Test
    void aRuleMatchingAmongManyValuesIsStillFound() throws IOException {
        RuleSet rules = load(LOWERCASE_READERS + """
                SecRule ARGS "@rx <script" "id:30,phase:2,deny,status:403,log,t:lowercase"
                """);
        StringBuilder query = new StringBuilder("a0=plain");
        for (int i = 1; i < 60; i++) {
            query.append("&a").append(i).append(i == 41 ? "=%3CScRiPt%3E" : "=ordinary+words");
        }
        Transaction transaction = rules.newTransaction("test-id");
        transaction.requestLine("GET", "/?" + query, "HTTP/1.1");
        transaction.processRequestHeaders();

        assertThat(transaction.processRequestBody()).isNotNull();
        assertThat(transaction.interruption().ruleId()).isEqualTo(30);
    }

    @Test
    void whatAMatchChangedIsAskedAboutAfresh() throws IOException {
        List<Integer> matched = matchedInRefusedHeadersPhase("""
                SecRule ENV "@rx attack" "id:40,phase:1,pass,log,t:lowercase"
                SecRule ARGS "@rx trigger" "id:41,phase:1,pass,log,t:lowercase,setenv:found=attack"
                SecRule ENV "@rx attack" "id:42,phase:1,deny,status:403,log,t:lowercase"
                """, "GET", "/?q=trigger");

        assertThat(matched).containsExactly(41, 42);
    }

    @Test
    void matchedVarIsAskedAboutAfreshAfterEachMatch() throws IOException {
        List<Integer> matched = matchedInRefusedHeadersPhase("""
                SecRule ARGS:a "@rx first" "id:50,phase:1,pass,log,t:lowercase"
                SecRule MATCHED_VAR "@rx second" "id:51,phase:1,pass,log,t:lowercase"
                SecRule ARGS:b "@rx second" "id:52,phase:1,pass,log,t:lowercase"
                SecRule MATCHED_VAR "@rx second" "id:53,phase:1,deny,status:403,log,t:lowercase"
                """, "GET", "/?a=first&b=second");

        assertThat(matched).containsExactly(50, 52, 53);
    }

    @Test
    void aBodyProcessorSetByARuleIsAskedAboutAfresh() throws IOException {
        List<Integer> matched = matchedInRefusedHeadersPhase("""
                SecRule REQBODY_PROCESSOR "@rx json" "id:60,phase:1,pass,log,t:lowercase"
                SecRule ARGS "@rx trigger" "id:61,phase:1,pass,log,t:lowercase,ctl:requestBodyProcessor=JSON"
                SecRule REQBODY_PROCESSOR "@rx json" "id:62,phase:1,deny,status:403,log,t:lowercase"
                """, "POST", "/?q=trigger", "Content-Type", "application/x-www-form-urlencoded");

        assertThat(matched).containsExactly(61, 62);
    }

    /** The ids of the rules that matched the request in the headers' phase, which one of them must have refused. */
    private List<Integer> matchedInRefusedHeadersPhase(String rules, String method, String target, String... headers)
            throws IOException {
        Transaction transaction = load(rules).newTransaction("test-id");
        transaction.requestLine(method, target, "HTTP/1.1");
        for (int i = 0; i < headers.length; i += 2) {
            transaction.requestHeader(headers[i], headers[i + 1]);
        }
        assertThat(transaction.processRequestHeaders()).as("refused").isNotNull();
        return transaction.matches().stream().map(match -> match.rule().id()).toList();
    }

    private RuleSet load(String text) throws IOException {
        Path file = directory.resolve("rules.conf");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return RuleSetLoader.load(List.of(file));
    }

    /** A gate in phase 2 over a request whose query string gives these names and values, in pairs. */
    private static RuleGate gateOver(RuleSet rules, String... namesAndValues) {
        Variables variables = new Variables(rules.txNames());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.argsGet.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        RuleGate gate = new RuleGate(variables, new TransformedValues(rules.recentValues()), rules.wholeTargetPairs());
        gate.startPhase(rules.scan(2));
        return gate;
    }

    private static Rule rule(RuleSet rules, int id) {
        for (int phase = 1; phase <= 5; phase++) {
            for (Rule rule : rules.phase(phase).rules()) {
                if (rule.id() == id) {
                    return rule;
                }
            }
        }
        throw new AssertionError("no rule " + id);
    }
}
