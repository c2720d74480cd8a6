package io.frontdesk.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;
import io.frontdesk.waf.engine.operator.OperatorContext;
import io.frontdesk.waf.engine.operator.Operators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SecRules language tests of {@code @detectSQLi} ({@code operators/detectSQLi.json}), run
 * through the operator as a rule calls it: each vector's input (a UTF-8 text, given to the operator
 * as its bytes) must match exactly when {@code ret} is 1.
 */
class DetectSqliLanguageTest {

    @TestFactory
    Stream<DynamicTest> everyVectorDecidesAsExpected() throws IOException {
        Path file = ReferenceVectors.secRulesLanguageTests().resolve("operators/detectSQLi.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : JsonMapper.builder().build().readTree(file.toFile())) {
            assertThat(vector.get("name").asString()).isEqualTo("detectSQLi");
            String input = new String(vector.get("input").asString().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            boolean expected = vector.get("ret").asInt() == 1;
            tests.add(DynamicTest.dynamicTest("\"" + input + "\" " + (expected ? "matches" : "does not match"),
                    () -> assertThat(Operators.create("detectSQLi", "", Path.of(".")).matches(input, new Captures()))
                            .isEqualTo(expected)));
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private static final class Captures implements OperatorContext {

        @Override
        public String value(String variable, String key) {
            return "";
        }

        @Override
        public boolean capturing() {
            return true;
        }

        @Override
        public void capture(int index, String text) {
            assertThat(index).isZero();
            assertThat(text).isNotEmpty();
        }

        @Override
        public void matchLimitExceeded(String detail) {
            throw new AssertionError("no regular expression here: " + detail);
        }
    }
}
