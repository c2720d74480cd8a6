package io.frontdesk.waf.engine.seclang;

import java.util.Set;

/**
 * The variables and actions SecLang files may name: those of the ModSecurity reference that the
 * OWASP Core Rule Set (v3.3 and v4) uses, and the rest the engine supports. Operators and
 * transformations are the ones {@code Operators} and {@code Transformations} have. A rule naming
 * anything else is an error at load time, naming its file and line.
 */
final class SecLangNames {

    static final Set<String> VARIABLES = Set.of("ARGS", "ARGS_GET", "ARGS_POST", "ARGS_NAMES", "ARGS_GET_NAMES",
            "ARGS_POST_NAMES", "ARGS_COMBINED_SIZE", "REQUEST_HEADERS", "REQUEST_HEADERS_NAMES", "REQUEST_COOKIES",
            "REQUEST_COOKIES_NAMES", "REQUEST_URI", "REQUEST_URI_RAW", "REQUEST_FILENAME", "REQUEST_BASENAME",
            "REQUEST_LINE", "REQUEST_METHOD", "REQUEST_PROTOCOL", "QUERY_STRING", "REQUEST_BODY",
            "REQUEST_BODY_LENGTH", "FILES", "FILES_NAMES", "FILES_SIZES", "FILES_COMBINED_SIZE", "FILES_TMPNAMES",
            "FILES_TMP_CONTENT", "MULTIPART_STRICT_ERROR", "MULTIPART_UNMATCHED_BOUNDARY",
            "MULTIPART_BOUNDARY_QUOTED", "MULTIPART_BOUNDARY_WHITESPACE", "MULTIPART_DATA_BEFORE",
            "MULTIPART_DATA_AFTER", "MULTIPART_HEADER_FOLDING", "MULTIPART_LF_LINE", "MULTIPART_CRLF_LF_LINES",
            "MULTIPART_MISSING_SEMICOLON", "MULTIPART_INVALID_QUOTING", "MULTIPART_INVALID_PART",
            "MULTIPART_INVALID_HEADER_FOLDING", "MULTIPART_FILE_LIMIT_EXCEEDED", "MULTIPART_FILENAME",
            "MULTIPART_NAME", "MULTIPART_PART_HEADERS", "REQBODY_ERROR", "REQBODY_ERROR_MSG", "REQBODY_PROCESSOR",
            "REQBODY_PROCESSOR_ERROR", "XML", "TX", "IP", "GLOBAL", "SESSION", "USER", "RESOURCE", "MATCHED_VAR",
            "MATCHED_VARS", "MATCHED_VAR_NAME", "MATCHED_VARS_NAMES", "RESPONSE_BODY", "RESPONSE_HEADERS",
            "RESPONSE_HEADERS_NAMES", "RESPONSE_STATUS", "RESPONSE_PROTOCOL", "RESPONSE_CONTENT_TYPE",
            "RESPONSE_CONTENT_LENGTH", "UNIQUE_ID", "REMOTE_ADDR", "REMOTE_HOST", "REMOTE_PORT", "REMOTE_USER",
            "SERVER_NAME", "SERVER_ADDR", "SERVER_PORT", "TIME", "TIME_DAY", "TIME_EPOCH", "TIME_HOUR", "TIME_MIN",
            "TIME_MON", "TIME_SEC", "TIME_WDAY", "TIME_YEAR", "ENV", "RULE", "DURATION", "HIGHEST_SEVERITY",
            "STATUS_LINE", "INBOUND_DATA_ERROR", "OUTBOUND_DATA_ERROR", "AUTH_TYPE", "FULL_REQUEST",
            "FULL_REQUEST_LENGTH", "PATH_INFO", "WEBAPPID", "GEO");

    static final Set<String> ACTIONS = Set.of("id", "phase", "msg", "logdata", "tag", "ver", "rev", "severity",
            "maturity", "accuracy", "chain", "t", "capture", "setvar", "expirevar", "initcol", "block", "deny", "drop",
            "pass", "allow", "status", "redirect", "skip", "skipAfter", "ctl", "log", "nolog", "auditlog",
            "noauditlog", "multiMatch", "setenv", "sanitiseMatched", "sanitizeMatched");

    private SecLangNames() {
    }
}
