package io.frontdesk.waf.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;
import io.frontdesk.support.SecRulesVector;
import io.frontdesk.waf.engine.seclang.Variable;

/**
 * Every operator the engine has, on the vectors of ModSecurity's own unit tests (the SecRules
 * language tests): each must match exactly when ModSecurity's does, and {@code @rx} must capture
 * the groups the vector lists.
 */
class SecRulesOperatorVectorsTest {

    /** In the test set but not in the engine, as docs/waf.md lists them; no CRS rule uses them. */
    private static final Set<String> UNSUPPORTED = Set.of("rxGlobal", "verifycpf", "verifyssn", "verifysvnr");

    /**
     * Arguments that are no list of bytes or addresses: the engine refuses them when it loads the
     * rule, as ModSecurity v2 does. ModSecurity v3's runner evaluates the operator all the same.
     */
    private static final Map<String, Set<String>> REFUSED_ARGUMENTS = Map.of(
            "validateByteRange", Set.of("", "xxx"),
            "ipMatch", Set.of("10.0.0.0/100"));

    /** How the vectors name @pmFromFile's data file: relative to ModSecurity's test directory. */
    private static final String TEST_SET_PREFIX = "test-cases/secrules-language-tests/";

    @TestFactory
    Stream<DynamicTest> vectors() {
        Path testSet = ReferenceVectors.secRulesLanguageTests();
        return SecRulesVector.files("operators")
                .flatMap(file -> SecRulesVector.read(file).stream())
                .map(vector -> DynamicTest.dynamicTest(vector.displayName(), () -> decides(vector, testSet)));
    }

    private static void decides(SecRulesVector vector, Path testSet) {
        String argument = vector.param().startsWith(TEST_SET_PREFIX)
                ? vector.param().substring(TEST_SET_PREFIX.length()) : vector.param();
        if (REFUSED_ARGUMENTS.getOrDefault(vector.name(), Set.of()).contains(argument)) {
            assertThatThrownBy(() -> Operators.create(vector.name(), argument, testSet))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@" + vector.name());
            return;
        }
        Operator operator = Operators.create(vector.name(), argument, testSet);
        assertThat(UNSUPPORTED.contains(vector.name()))
                .as("@%s is listed as unsupported exactly when the engine lacks it", vector.name())
                .isEqualTo(operator == null);
        if (operator == null) {
            abort("@" + vector.name() + " is not supported (see docs/waf.md)");
        }
        Captures captures = new Captures();
        boolean matched = operator.matches(vector.input(), captures);
        assertThat(matched).as("@%s %s on %s", vector.name(), SecRulesVector.visible(vector.param()),
                SecRulesVector.visible(vector.input())).isEqualTo(vector.ret() == 1);
        if (vector.captures() != null) {
            assertThat(IntStream.range(0, vector.captures().size()).mapToObj(captures.made::get).toList())
                    .as("captures").isEqualTo(vector.captures());
        }
    }

    /** Where the operator puts its captures; no macros, as the vectors use none. */
    private static final class Captures implements OperatorContext {

        final Map<Integer, String> made = new HashMap<>();

        @Override
        public String value(Variable variable, String key) {
            return "";
        }

        @Override
        public boolean capturing() {
            return true;
        }

        @Override
        public void capture(int index, String text) {
            made.put(index, text);
        }

        @Override
        public void matchLimitExceeded(String detail) {
            throw new AssertionError("the regular expression gave up: " + detail);
        }
    }
}
