package io.frontdesk.waf.conformance.ftw;

import java.util.List;

/**
 * One test of a file.
 *
 * @param ruleId the rule the file covers
 * @param number go-ftw's {@code test_id} (v4), or the test's position in its file from 1 (v3)
 * @param title {@code <rule>-<number>} (v4), or ftw's {@code test_title} (v3)
 * @param description the test's {@code desc}, or empty
 */
public record RegressionTest(int ruleId, int number, String title, String description, List<Stage> stages) {

    public RegressionTest {
        stages = List.copyOf(stages);
    }
}
