package io.frontdesk.waf.conformance.ftw;

/** One request of a test and what should follow it; {@code index} counts from 0 within the test. */
public record Stage(int index, StageInput input, StageOutput output) {
}
