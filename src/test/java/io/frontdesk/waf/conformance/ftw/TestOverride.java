package io.frontdesk.waf.conformance.ftw;

import java.util.List;

/**
 * One entry of a platform overrides file: the output that replaces a test's expectations on that
 * platform, and why.
 *
 * @param testIds the tests of the rule it covers; empty for all of them
 * @param stageIndexes the stages (from 0) it covers; empty for all of them
 * @param output the whole replacement output; an entry without one expects nothing
 */
public record TestOverride(int ruleId, List<Integer> testIds, List<Integer> stageIndexes, String reason,
        boolean retryOnce, StageOutput output) {

    public TestOverride {
        testIds = List.copyOf(testIds);
        stageIndexes = List.copyOf(stageIndexes);
    }

    public boolean covers(RegressionTest test, Stage stage) {
        return test.ruleId() == ruleId && (testIds.isEmpty() || testIds.contains(test.number()))
                && (stageIndexes.isEmpty() || stageIndexes.contains(stage.index()));
    }
}
