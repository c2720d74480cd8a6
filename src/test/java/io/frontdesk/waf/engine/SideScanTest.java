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

/** The shared scan runs on values of the chains many rules read; the others' rules still judge theirs. */
class SideScanTest {

    @TempDir
    Path directory;

    @Test
    void valuesOfAChainFewRulesReadAreLeftToThoseRules() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int id = 1; id <= SideScan.LEAST_READERS; id++) {
            text.append("SecRule ARGS \"@rx eval\\(|select").append(id)
                    .append("\" \"id:").append(id).append(",phase:2,pass,log,t:lowercase\"\n");
        }
        text.append("SecRule ARGS \"@rx eval\\(\" \"id:100,phase:2,pass,log,t:base64Decode\"\n");
        Path file = directory.resolve("rules.conf");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        RuleSet rules = RuleSetLoader.load(List.of(file));

        SideScan scan = rules.scan(2);
        List<Rule> phase = rules.phase(2).rules();
        assertThat(scan.worthScanning(phase.get(0).transformations().index())).isTrue();
        assertThat(scan.worthScanning(phase.get(SideScan.LEAST_READERS).transformations().index())).isFalse();
        assertThat(scan.worthScanning(0)).as("no rule reads values as they came").isFalse();

        assertThat(matchedIds(rules, "ZXZhbCgxMjM0")).as("base64 of eval(1234").containsExactly(100);
        assertThat(matchedIds(rules, "EVAL(1")).hasSize(SideScan.LEAST_READERS).doesNotContain(100);
        assertThat(matchedIds(rules, "harmless")).isEmpty();
    }

    private static List<Integer> matchedIds(RuleSet rules, String argument) {
        Transaction transaction = rules.newTransaction("test-id");
        transaction.requestLine("GET", "/?q=" + argument, "HTTP/1.1");
        transaction.processRequestHeaders();
        transaction.processRequestBody();
        return transaction.matches().stream().map(match -> match.rule().id()).toList();
    }
}
