package io.frontdesk.waf.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.frontdesk.waf.engine.macro.Macro;
import io.frontdesk.waf.engine.operator.regex.PcrePattern;

/** Every {@code @rx} pattern of CRS v4.28.0 and v3.3.4, compiled as the engine compiles it when it loads the rules. */
class CrsRegexPatternsTest {

    private static List<CrsRules.Operator> regexOperators(String version) {
        return CrsRules.operators(version).stream().filter(operator -> operator.name().equals("rx")).toList();
    }

    @ParameterizedTest(name = "CRS {0}")
    @CsvSource({"v4.28.0, 318", "v3.3.4, 265"})
    void everyPatternCompiles(String version, int patterns) {
        List<CrsRules.Operator> operators = regexOperators(version);
        List<String> failures = new ArrayList<>();
        for (CrsRules.Operator operator : operators) {
            try {
                Operators.create("rx", operator.argument(), CrsRules.rulesDirectory(version));
            } catch (IllegalArgumentException e) {
                failures.add(operator.ruleId() + ": " + e.getMessage());
            }
        }
        assertThat(failures).as("patterns that do not compile").isEmpty();
        assertThat(operators).as("@rx operators in the rule files").hasSize(patterns);
    }

    @Test
    void everyPatternOfCrs4RunsInLinearTime() {
        List<String> backtracking = regexOperators("v4.28.0").stream()
                .filter(operator -> !PcrePattern.compile(operator.argument()).linear())
                .map(CrsRules.Operator::ruleId).toList();
        assertThat(backtracking).isEmpty();
    }

    @Test
    void crs3PatternsRunInLinearTimeButThoseWithLookaroundBackReferencesOrPossessiveQuantifiers() {
        Set<String> backtracking = new TreeSet<>();
        for (CrsRules.Operator operator : regexOperators("v3.3.4")) {
            if (Macro.parse(operator.argument()).isConstant() && !PcrePattern.compile(operator.argument()).linear()) {
                backtracking.add(operator.ruleId());
            }
        }
        assertThat(backtracking).containsExactly("920120", "920600", "922110", "942130", "942260", "942440",
                "953120");
    }
}
