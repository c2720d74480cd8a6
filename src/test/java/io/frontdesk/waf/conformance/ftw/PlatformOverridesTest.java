package io.frontdesk.waf.conformance.ftw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platform overrides: which stages they cover and what they expect instead. */
class PlatformOverridesTest {

    @TempDir
    Path directory;

    private static RegressionTest test(int ruleId, int number, int stages) {
        List<Stage> list = new java.util.ArrayList<>();
        for (int i = 0; i < stages; i++) {
            list.add(new Stage(i, new StageInput.Raw(""), StageOutput.NOTHING));
        }
        return new RegressionTest(ruleId, number, ruleId + "-" + number, "", list);
    }

    @Test
    void overridesCoverTheirTestsAndStagesAndTheLastOneWins() throws IOException {
        Path file = directory.resolve("demo-overrides.yaml");
        Files.writeString(file, """
                version: "v0.0.0"
                meta:
                  engine: "demo engine"
                  platform: "demo"
                  annotations:
                    - purpose: "tests"
                test_overrides:
                  - rule_id: 100
                    test_ids: [1, 2]
                    reason: 'first'
                    output:
                      status: 404
                  - rule_id: 100
                    test_ids: [2]
                    stage_ids: [1]
                    reason: 'second'
                    retry_once: true
                    output:
                      log:
                        no_expect_ids: [100]
                  - rule_id: 200
                    reason: 'no output, no test ids'
                """);
        PlatformOverrides overrides = PlatformOverrides.load(file);
        RegressionTest twoStages = test(100, 2, 2);

        assertThat(overrides.engine()).isEqualTo("demo engine");
        assertThat(overrides.platform()).isEqualTo("demo");
        assertThat(overrides.find(test(100, 1, 1), test(100, 1, 1).stages().get(0)).orElseThrow().output().statuses())
                .containsExactly(404);
        assertThat(overrides.find(twoStages, twoStages.stages().get(0)).orElseThrow().reason()).isEqualTo("first");
        TestOverride second = overrides.find(twoStages, twoStages.stages().get(1)).orElseThrow();
        assertThat(second.reason()).isEqualTo("second");
        assertThat(second.retryOnce()).isTrue();
        assertThat(second.output().unexpectedIds()).containsExactly(100);
        assertThat(overrides.find(test(100, 3, 1), test(100, 3, 1).stages().get(0))).isEmpty();
        TestOverride everything = overrides.find(test(200, 7, 1), test(200, 7, 1).stages().get(0)).orElseThrow();
        assertThat(everything.output()).isEqualTo(StageOutput.NOTHING);
    }

    @Test
    void theCrsOverridesFilesLoad() throws IOException {
        Path regression = CrsReleases.regressionDirectory(CrsReleases.V4);
        PlatformOverrides nginx = PlatformOverrides.load(regression.resolve("nginx-overrides.yaml"));
        PlatformOverrides coraza = PlatformOverrides.load(regression.resolve("coraza-overrides.yaml"));

        assertThat(nginx.platform()).isEqualTo("nginx");
        assertThat(nginx.overrides()).isNotEmpty().allSatisfy(override -> {
            assertThat(override.reason()).isNotBlank();
            assertThat(override.testIds()).isNotEmpty();
        });
        assertThat(coraza.engine()).isEqualTo("coraza");
        TestOverride colonInPath = coraza.overrides().stream()
                .filter(override -> override.ruleId() == 920100 && override.testIds().contains(8)).findFirst()
                .orElseThrow();
        assertThat(colonInPath.output().statuses()).containsExactly(200);
        assertThat(colonInPath.output().expectedIds()).containsExactly(920100);
    }
}
