package io.frontdesk.waf.engine.body;

import java.util.EnumSet;
import java.util.Set;

/**
 * How reading one multipart body went: its errors, and the MULTIPART_* strictness variables. Each
 * raised flag makes MULTIPART_STRICT_ERROR 1, and so does an error (as the reference manual has it);
 * MULTIPART_UNMATCHED_BOUNDARY and MULTIPART_CRLF_LF_LINES do not count towards it.
 */
final class MultipartStatus {

    private static final String ERROR_PREFIX = "Multipart parsing error: ";

    /** A flag reported as {@code MULTIPART_<name>}. */
    enum Flag {
        BOUNDARY_QUOTED, BOUNDARY_WHITESPACE, DATA_BEFORE, DATA_AFTER, HEADER_FOLDING, LF_LINE,
        MISSING_SEMICOLON, INVALID_QUOTING, INVALID_PART, INVALID_HEADER_FOLDING, FILE_LIMIT_EXCEEDED
    }

    private final ParsedBody parsed;
    private final Set<Flag> raised = EnumSet.noneOf(Flag.class);
    private boolean crlfLine;
    private int unmatchedBoundary;
    private boolean failed;

    MultipartStatus(ParsedBody parsed) {
        this.parsed = parsed;
    }

    /** An error in ModSecurity's words ({@code Multipart: Final boundary missing.}); the first one is kept. */
    void error(String message) {
        failed = true;
        parsed.error(ERROR_PREFIX + message);
    }

    void raise(Flag flag) {
        raised.add(flag);
    }

    boolean isRaised(Flag flag) {
        return raised.contains(flag);
    }

    /** A line ended with CR LF; with an LF-only line as well, MULTIPART_CRLF_LF_LINES is 1. */
    void crlfLine() {
        crlfLine = true;
    }

    /** A line looked like a boundary but was not this body's. */
    void foreignBoundary() {
        unmatchedBoundary = 1;
    }

    /**
     * A boundary of this body (not the first) came after a foreign one: the body is still framed
     * as it should be, which ModSecurity v3 reports as 2 so that rules can choose to let it pass.
     */
    void boundaryAfterForeign() {
        if (unmatchedBoundary != 0) {
            unmatchedBoundary = 2;
        }
    }

    /** Sets every MULTIPART_* variable, to 0 or 1 (MULTIPART_UNMATCHED_BOUNDARY: 0, 1 or 2). */
    void report() {
        parsed.flag("MULTIPART_STRICT_ERROR", bit(failed || !raised.isEmpty()));
        parsed.flag("MULTIPART_UNMATCHED_BOUNDARY", Integer.toString(unmatchedBoundary));
        for (Flag flag : Flag.values()) {
            parsed.flag("MULTIPART_" + flag.name(), bit(raised.contains(flag)));
        }
        parsed.flag("MULTIPART_CRLF_LF_LINES", bit(crlfLine && raised.contains(Flag.LF_LINE)));
    }

    private static String bit(boolean on) {
        return on ? "1" : "0";
    }
}
