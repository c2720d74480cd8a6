package io.frontdesk.waf.conformance.ftw;

/** The two layouts of CRS regression test files. */
public enum SuiteFormat {
    /** CRS v4, run by go-ftw: {@code rule_id}, {@code test_id}, {@code stages[].input/output}. */
    GO_FTW,
    /** CRS v3.3, run by the Python ftw: {@code test_title}, {@code stages[].stage.input/output}. */
    FTW
}
