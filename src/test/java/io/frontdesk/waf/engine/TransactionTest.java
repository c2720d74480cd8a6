package io.frontdesk.waf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.frontdesk.waf.engine.seclang.SecLangException;
import io.frontdesk.waf.engine.seclang.Variable;

/** Rules run over transactions: variables, chains, actions, flow and the controls rules have. */
class TransactionTest {

    @TempDir
    Path directory;

    private RuleSet rules(String text) throws IOException {
        Path file = directory.resolve("rules.conf");
        Files.writeString(file, text, java.nio.charset.StandardCharsets.ISO_8859_1);
        return RuleSetLoader.load(List.of(file));
    }

    private static Transaction get(RuleSet rules, String uri, String... headers) {
        Transaction transaction = rules.newTransaction("test-id");
        transaction.connection("192.0.2.7", 50000, "127.0.0.1", 8080);
        transaction.requestLine("GET", uri, "HTTP/1.1");
        for (int i = 0; i < headers.length; i += 2) {
            transaction.requestHeader(headers[i], headers[i + 1]);
        }
        transaction.processRequestHeaders();
        transaction.processRequestBody();
        return transaction;
    }

    private static Transaction post(RuleSet rules, String contentType, String body) {
        Transaction transaction = rules.newTransaction("test-id");
        transaction.requestLine("POST", "/form", "HTTP/1.1");
        transaction.requestHeader("Content-Type", contentType);
        transaction.processRequestHeaders();
        transaction.appendRequestBody(body);
        transaction.processRequestBody();
        return transaction;
    }

    private static List<Integer> ids(Transaction transaction) {
        return transaction.matches().stream().map(match -> match.rule().id()).toList();
    }

    @Test
    void argumentsFromTheQueryAreDecodedAndSelectedByNameIgnoringCase() throws IOException {
        RuleSet rules = rules("SecRule ARGS:Name \"@streq a b\" \"id:1,phase:1,deny,msg:'got %{MATCHED_VAR_NAME}'\"\n");
        Transaction transaction = get(rules, "/?name=a+b&other=1");
        assertThat(transaction.interruption()).isEqualTo(new Interruption(Interruption.Action.DENY, 403, null, 1));
        assertThat(transaction.matches().get(0).message()).isEqualTo("got ARGS:name");
        assertThat(get(rules, "/?name=ab").interruption()).isNull();
    }

    @Test
    void exclusionsAndCountsNarrowWhatARuleSees() throws IOException {
        RuleSet rules = rules("""
                SecRule ARGS|!ARGS:safe "@contains evil" "id:1,phase:1,pass,log"
                SecRule &ARGS "@eq 3" "id:2,phase:1,pass,log"
                SecRule &REQUEST_HEADERS:X-Missing "@eq 0" "id:3,phase:1,pass,log"
                SecRule ARGS_NAMES "@streq safe" "id:4,phase:1,pass,log"
                """);
        assertThat(ids(get(rules, "/?safe=evil&a=1&b=2"))).containsExactly(2, 3, 4);
        assertThat(ids(get(rules, "/?safe=x&a=evil"))).containsExactly(1, 3, 4);
    }

    @Test
    void aNegatedOperatorIsNotEvaluatedOnAVariableThatIsAbsent() throws IOException {
        RuleSet rules = rules("SecRule REQUEST_HEADERS:Content-Length \"!@rx ^\\d+$\" \"id:1,phase:1,deny\"\n");
        assertThat(get(rules, "/").interruption()).isNull();
        assertThat(get(rules, "/", "Content-Length", "x").interruption()).isNotNull();
    }

    @Test
    void setvarScoresAndAnEvaluationRuleBlocks() throws IOException {
        RuleSet rules = rules("""
                SecAction "id:10,phase:1,pass,nolog,setvar:tx.threshold=5,setvar:tx.score=0"
                SecRule ARGS "@contains attack" "id:11,phase:1,pass,log,setvar:'tx.score=+%{tx.threshold}'"
                SecRule ARGS "@contains worse" "id:12,phase:1,pass,log,setvar:tx.score=+3,setvar:tx.score=-1"
                SecRule TX:SCORE "@ge %{tx.threshold}" "id:20,phase:2,deny,status:406,msg:'score %{tx.score}'"
                """);
        Transaction twice = get(rules, "/?a=attack&b=attack");
        assertThat(twice.txValue("score")).isEqualTo("10");
        assertThat(twice.interruption().status()).isEqualTo(406);
        assertThat(twice.matches().get(twice.matches().size() - 1).message()).isEqualTo("score 10");
        Transaction low = get(rules, "/?a=worse");
        assertThat(low.txValue("score")).isEqualTo("2");
        assertThat(low.interruption()).isNull();
    }

    @Test
    void aChainMatchesOnlyWhenEveryRuleOfItDoes() throws IOException {
        RuleSet rules = rules("""
                SecRule REQUEST_METHOD "@streq GET" "id:1,phase:1,deny,chain,msg:'%{MATCHED_VAR_NAME}'"
                    SecRule ARGS:q "@contains x" "setvar:tx.chained=1"
                """);
        Transaction both = get(rules, "/?q=xyz");
        assertThat(both.interruption().ruleId()).isEqualTo(1);
        assertThat(both.matches().get(0).message()).isEqualTo("ARGS:q");
        assertThat(both.matches().get(0).matchedVariable()).isEqualTo("ARGS:q");
        assertThat(both.txValue("chained")).isEqualTo("1");
        assertThat(get(rules, "/?q=abc").interruption()).isNull();
    }

    @Test
    void skipAfterJumpsToTheMarkerAndSkipOverRules() throws IOException {
        RuleSet rules = rules("""
                SecRule ARGS:skip "@streq yes" "id:1,phase:1,pass,nolog,skipAfter:END"
                SecAction "id:2,phase:1,pass,log"
                SecMarker END
                SecAction "id:3,phase:1,pass,log,skip:1"
                SecAction "id:4,phase:1,pass,log"
                SecAction "id:5,phase:1,pass,log"
                """);
        assertThat(ids(get(rules, "/?skip=yes"))).containsExactly(3, 5);
        assertThat(ids(get(rules, "/?skip=no"))).containsExactly(2, 3, 5);
    }

    @Test
    void skipAfterLandsAfterTheFirstMarkerOfItsNameThatFollowsOrSkipsTheRestOfThePhase() throws IOException {
        RuleSet rules = rules("""
                SecMarker END
                SecAction "id:1,phase:1,pass,log"
                SecRule ARGS:skip "@streq yes" "id:2,phase:1,pass,log,skipAfter:END"
                SecAction "id:3,phase:1,pass,log"
                SecMarker END
                SecAction "id:4,phase:1,pass,log"
                SecMarker END
                SecAction "id:5,phase:1,pass,log"
                SecRule ARGS:skip "@streq yes" "id:6,phase:1,pass,log,skipAfter:NOWHERE"
                SecAction "id:7,phase:1,pass,log"
                SecAction "id:8,phase:2,pass,log"
                """);
        assertThat(ids(get(rules, "/?skip=yes"))).as("not back to the marker before, not past the next")
                .containsExactly(1, 2, 4, 5, 6, 8);
        assertThat(ids(get(rules, "/?skip=no"))).containsExactly(1, 3, 4, 5, 7, 8);
    }

    @Test
    void detectionOnlyLogsWithoutStopping() throws IOException {
        RuleSet rules = rules("SecRuleEngine DetectionOnly\nSecAction \"id:1,phase:1,deny\"\n");
        Transaction transaction = get(rules, "/");
        assertThat(transaction.interruption()).isNull();
        assertThat(ids(transaction)).containsExactly(1);
    }

    @Test
    void ctlRemovesRulesAndTargetsForOneTransactionOnly() throws IOException {
        RuleSet rules = rules("""
                SecRule ARGS:off "@streq rule" "id:1,phase:1,pass,nolog,ctl:ruleRemoveById=100-199"
                SecRule ARGS:off "@streq target" "id:2,phase:1,pass,nolog,ctl:ruleRemoveTargetById=150;ARGS:pw"
                SecRule ARGS:off "@streq tag" "id:3,phase:1,pass,nolog,ctl:ruleRemoveByTag=attack-sqli"
                SecRule ARGS "@contains '" "id:150,phase:2,pass,log,tag:'attack-sqli'"
                """);
        assertThat(ids(get(rules, "/?pw='&off=rule"))).isEmpty();
        assertThat(ids(get(rules, "/?pw='&off=tag"))).isEmpty();
        assertThat(ids(get(rules, "/?pw='&off=target"))).isEmpty();
        assertThat(ids(get(rules, "/?pw='&off=target&x='"))).containsExactly(150);
        assertThat(ids(get(rules, "/?pw='"))).containsExactly(150);
    }

    @Test
    void removalsAndUpdatesChangeRulesLoadedBeforeThem() throws IOException {
        RuleSet rules = rules("""
                SecAction "id:1,phase:1,pass,log,tag:'a'"
                SecAction "id:2,phase:1,pass,log,tag:'b'"
                SecRule ARGS "@contains x" "id:3,phase:1,pass,log"
                SecRuleRemoveByTag a
                SecRuleUpdateTargetById 3 "!ARGS:ignored"
                SecRuleUpdateActionById 2 "deny,status:418"
                """);
        Transaction transaction = get(rules, "/?ignored=x");
        assertThat(ids(transaction)).containsExactly(2);
        assertThat(transaction.interruption().status()).isEqualTo(418);
        assertThat(rules.ruleCount()).isEqualTo(2);
    }

    @Test
    void blockDoesWhatTheDefaultActionOfItsPhaseDoes() throws IOException {
        RuleSet rules = rules("""
                SecDefaultAction "phase:1,log,auditlog,deny,status:451"
                SecAction "id:1,phase:1,block"
                """);
        assertThat(get(rules, "/").interruption().status()).isEqualTo(451);
        RuleSet passing = rules("SecDefaultAction \"phase:1,log,pass\"\nSecAction \"id:1,phase:1,block\"\n");
        assertThat(get(passing, "/").interruption()).isNull();
    }

    @Test
    void transformationsCaptureAndMultiMatch() throws IOException {
        RuleSet rules = rules("""
                SecRule ARGS:a "@streq <script>" "id:1,phase:1,pass,log,t:none,t:urlDecode,t:lowercase"
                SecRule ARGS:b "@beginsWith ab" "id:2,phase:1,pass,log,capture,setvar:tx.seen=%{tx.0}"
                SecRule ARGS:c "@streq %41" "id:3,phase:1,pass,log,t:urlDecode,multiMatch"
                """);
        Transaction transaction = get(rules, "/?a=%253CSCRIPT%253E&b=abc&c=%2541");
        assertThat(ids(transaction)).containsExactly(1, 2, 3);
        assertThat(transaction.txValue("seen")).isEqualTo("ab");
    }

    @Test
    void urlEncodedBodiesBecomePostArguments() throws IOException {
        RuleSet rules = rules("""
                SecRule REQBODY_PROCESSOR "@streq URLENCODED" "id:3,phase:1,pass,log"
                SecRule REQUEST_BODY "@contains user=" "id:2,phase:2,pass,log"
                SecRule ARGS_POST:user "@streq admin'--" "id:1,phase:2,deny"
                SecRule ARGS "@contains 1" "id:4,phase:2,pass,log"
                """);
        Transaction transaction = post(rules, "application/x-www-form-urlencoded", "user=admin%27--&x=1");
        assertThat(ids(transaction)).containsExactly(3, 2, 1);
        assertThat(transaction.interruption().ruleId()).isEqualTo(1);
    }

    @Test
    void aBodyOverTheLimitIsRefusedOrInspectedInPart() throws IOException {
        RuleSet rejecting = rules("SecRequestBodyNoFilesLimit 10\n");
        Transaction refused = post(rejecting, "application/x-www-form-urlencoded", "a=0123456789abcdef");
        assertThat(refused.interruption().status()).isEqualTo(413);
        RuleSet partial = rules("""
                SecRequestBodyNoFilesLimit 10
                SecRequestBodyLimitAction ProcessPartial
                SecRule ARGS_POST:a "@streq 01234567" "id:1,phase:2,pass,log"
                SecRule INBOUND_DATA_ERROR "@eq 1" "id:2,phase:2,pass,log"
                """);
        Transaction inspected = post(partial, "application/x-www-form-urlencoded", "a=0123456789abcdef");
        assertThat(inspected.interruption()).isNull();
        assertThat(ids(inspected)).containsExactly(1, 2);
    }

    @Test
    void aJsonBodyIsInRequestBodyAsWellAsInArgs() throws IOException {
        RuleSet rules = rules("""
                SecRule REQUEST_BODY "@rx __contained_by\\\"\\s*:" "id:1,phase:2,pass,log"
                SecRule ARGS_NAMES "@rx contained_by" "id:2,phase:2,pass,log"
                """);
        Transaction json = post(rules, "application/json", "{\"roles__contained_by\":[\"admin\"]}");
        assertThat(ids(json)).containsExactly(1, 2);
    }

    @Test
    void requestVariablesFollowModSecurity() throws IOException {
        RuleSet rules = rules("""
                SecRule REQUEST_FILENAME "@streq /a b/c.php" "id:1,phase:1,pass,log"
                SecRule REQUEST_BASENAME "@streq c.php" "id:2,phase:1,pass,log"
                SecRule REQUEST_URI "@streq /a%20b/c.php?x=1" "id:3,phase:1,pass,log"
                SecRule REQUEST_LINE "@streq GET http://example.com/a%20b/c.php?x=1 HTTP/1.1" "id:4,phase:1,pass,log"
                SecRule QUERY_STRING "@streq x=1" "id:5,phase:1,pass,log"
                SecRule REQUEST_COOKIES:session "@streq abc" "id:6,phase:1,pass,log"
                SecRule SERVER_NAME "@streq example.com" "id:7,phase:1,pass,log"
                SecRule REMOTE_ADDR "@ipMatch 192.0.2.0/24" "id:8,phase:1,pass,log"
                SecRule UNIQUE_ID "@streq test-id" "id:9,phase:1,pass,log"
                """);
        Transaction transaction = get(rules, "http://example.com/a%20b/c.php?x=1", "Host", "example.com:8080",
                "Cookie", "theme=dark; session=abc");
        assertThat(ids(transaction)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void persistentCollectionsOutliveTheTransaction() throws IOException {
        RuleSet rules = rules("""
                SecAction "id:1,phase:1,pass,nolog,initcol:ip=%{remote_addr},setvar:ip.hits=+1"
                SecRule IP:hits "@ge 3" "id:2,phase:1,deny"
                """);
        for (int i = 0; i < 2; i++) {
            Transaction transaction = get(rules, "/");
            assertThat(transaction.interruption()).isNull();
            transaction.processLogging();
        }
        assertThat(get(rules, "/").interruption().ruleId()).isEqualTo(2);
    }

    @Test
    void everyVariableARuleMayNameIsSelectedCountedAndExpanded() throws IOException {
        StringBuilder text = new StringBuilder();
        int id = 1;
        for (Variable variable : Variable.values()) {
            String name = variable.name();
            String target = variable.kind() == Variable.Kind.RULE ? "RULE:id" : name;
            text.append("SecRule ").append(target).append("|&").append(name).append(" \"@unconditionalMatch\" \"id:")
                    .append(id++).append(",phase:2,pass,msg:'%{").append(name).append("} %{").append(name)
                    .append(".a}'\"\n");
        }
        Transaction transaction = post(rules(text.toString()), "application/x-www-form-urlencoded", "a=1");
        assertThat(transaction.matches()).hasSize(Variable.values().length);
        assertThat(transaction.matches()).filteredOn(match -> match.rule().id() == Variable.ARGS.ordinal() + 1)
                .singleElement().extracting(RuleMatch::message).isEqualTo(" 1");
    }

    @Test
    void aBadRuleNamesItsFileAndLine() throws IOException {
        assertThatThrownBy(() -> rules("SecAction \"id:1,phase:1,pass\"\nSecAction \"id:2,phase:9\"\n"))
                .isInstanceOf(SecLangException.class).hasMessageContaining("rules.conf:2")
                .hasMessageContaining("phase");
        assertThatThrownBy(() -> rules("SecAction \"id:1,ctl:noSuchControl=1\"\n"))
                .isInstanceOf(SecLangException.class).hasMessageContaining("rules.conf:1")
                .hasMessageContaining("noSuchControl");
        assertThatThrownBy(() -> rules("SecAction \"id:1,ctl:ruleRemoveTargetById=2;ARGZ:pw\"\n"))
                .isInstanceOf(SecLangException.class).hasMessageContaining("rules.conf:1")
                .hasMessageContaining("unknown variable ARGZ");
    }
}
