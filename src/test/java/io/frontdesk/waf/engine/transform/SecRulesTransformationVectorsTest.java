package io.frontdesk.waf.engine.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.frontdesk.support.SecRulesVector;

/**
 * Every transformation the engine has, on the vectors of ModSecurity's own unit tests (the SecRules
 * language tests): each vector's output must be ModSecurity's, byte for byte.
 */
class SecRulesTransformationVectorsTest {

    /** In the test set but not in the engine (nor in ModSecurity v3), as docs/waf.md says; CRS does not use it. */
    private static final Set<String> UNSUPPORTED = Set.of("phpArgsNames");

    /** The vectors name t:cmdLine as ModSecurity v3 does inside. */
    private static final Map<String, String> SECLANG_NAMES = Map.of("cmd_line", "cmdLine");

    @TestFactory
    Stream<DynamicTest> vectors() {
        return SecRulesVector.files("transformations")
                .flatMap(file -> SecRulesVector.read(file).stream())
                .map(vector -> DynamicTest.dynamicTest(vector.displayName(), () -> transforms(vector)));
    }

    private static void transforms(SecRulesVector vector) {
        String name = SECLANG_NAMES.getOrDefault(vector.name(), vector.name());
        Transformation transformation = Transformations.named(name);
        assertThat(UNSUPPORTED.contains(name))
                .as("t:%s is listed as unsupported exactly when the engine lacks it", name)
                .isEqualTo(transformation == null);
        if (transformation == null) {
            abort("t:" + name + " is not supported (see docs/waf.md)");
        }
        String output = transformation.apply(vector.input());
        assertThat(SecRulesVector.visible(output)).as("t:%s(%s)", name, SecRulesVector.visible(vector.input()))
                .isEqualTo(SecRulesVector.visible(vector.output()));
    }
}
