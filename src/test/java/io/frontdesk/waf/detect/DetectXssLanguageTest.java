package io.frontdesk.waf.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.ReferenceVectors;
import io.frontdesk.waf.engine.operator.Operator;
import io.frontdesk.waf.engine.operator.OperatorContext;
import io.frontdesk.waf.engine.operator.Operators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code @detectXSS} on the SecRules language tests' vectors for it ({@code operators/detectXSS.json}). */
class DetectXssLanguageTest {

    /** The operator needs neither macros nor captures here. */
    private static final OperatorContext NO_TRANSACTION = new OperatorContext() {

        @Override
        public String value(String variable, String key) {
            return "";
        }

        @Override
        public boolean capturing() {
            return false;
        }

        @Override
        public void capture(int index, String text) {
        }

        @Override
        public void matchLimitExceeded(String detail) {
        }
    };

    @TestFactory
    Stream<DynamicTest> everyVectorDecidesAsExpected() {
        Path file = ReferenceVectors.secRulesLanguageTests().resolve("operators/detectXSS.json");
        JsonNode vectors = JsonMapper.builder().build().readTree(file.toFile());
        assertThat(vectors.isEmpty()).isFalse();
        return StreamSupport.stream(vectors.spliterator(), false).map(vector -> {
            assertThat(vector.get("name").asString()).isEqualTo("detectXSS");
            // the vectors are text; the engine's values are their bytes
            String input = new String(vector.get("input").asString().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            boolean expected = vector.get("ret").asInt() == 1;
            Operator operator = Operators.create("detectXSS", vector.path("param").asString(""), file.getParent());
            return DynamicTest.dynamicTest((expected ? "XSS: " : "not XSS: ") + input,
                    () -> assertThat(operator.matches(input, NO_TRANSACTION)).isEqualTo(expected));
        });
    }
}
