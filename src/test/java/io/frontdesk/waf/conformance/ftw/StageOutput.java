package io.frontdesk.waf.conformance.ftw;

import java.util.List;
import java.util.Optional;

/**
 * What a stage expects. Lists and regular expressions that are empty expect nothing.
 *
 * @param statuses any of these response statuses will do
 * @param expectedIds rule ids the WAF must log for the request
 * @param unexpectedIds rule ids it must not log
 * @param logMatch a regular expression the request's log must match (other than an id check)
 * @param logMismatch a regular expression the request's log must not match
 * @param responseContains a regular expression the raw response must match
 * @param expectError the exchange itself should fail (the server closes or answers garbage)
 * @param retryOnce run the stage once more when it fails
 * @param isolated no rule but the single expected one may match
 */
public record StageOutput(List<Integer> statuses, List<Integer> expectedIds, List<Integer> unexpectedIds,
        Optional<String> logMatch, Optional<String> logMismatch, Optional<String> responseContains,
        boolean expectError, boolean retryOnce, boolean isolated) {

    /** Expects nothing, as an empty {@code output}. */
    public static final StageOutput NOTHING = new StageOutput(List.of(), List.of(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), false, false, false);

    public StageOutput {
        statuses = List.copyOf(statuses);
        expectedIds = List.copyOf(expectedIds);
        unexpectedIds = List.copyOf(unexpectedIds);
    }
}
