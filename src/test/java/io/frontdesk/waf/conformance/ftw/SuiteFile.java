package io.frontdesk.waf.conformance.ftw;

import java.nio.file.Path;
import java.util.List;

/**
 * One regression test file.
 *
 * @param enabled false when a v3 file says {@code meta.enabled: false}: ftw runs none of its tests
 */
public record SuiteFile(Path path, SuiteFormat format, int ruleId, boolean enabled, List<RegressionTest> tests) {

    public SuiteFile {
        tests = List.copyOf(tests);
    }

    public int stageCount() {
        return tests.stream().mapToInt(test -> test.stages().size()).sum();
    }
}
