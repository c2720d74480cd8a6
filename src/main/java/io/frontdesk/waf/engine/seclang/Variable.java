package io.frontdesk.waf.engine.seclang;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every variable a SecLang file may name, with what kind of value it has: those of the
 * ModSecurity reference that the OWASP Core Rule Set (v3.3 and v4) uses, and the rest the engine
 * supports. A rule naming any other is an error at load time, naming its file and line.
 */
public enum Variable {

    ARGS(Kind.KEYED),
    ARGS_GET(Kind.KEYED),
    ARGS_POST(Kind.KEYED),
    ARGS_NAMES(ARGS),
    ARGS_GET_NAMES(ARGS_GET),
    ARGS_POST_NAMES(ARGS_POST),
    ARGS_COMBINED_SIZE(Kind.SCALAR),
    REQUEST_HEADERS(Kind.KEYED),
    REQUEST_HEADERS_NAMES(REQUEST_HEADERS),
    REQUEST_COOKIES(Kind.KEYED),
    REQUEST_COOKIES_NAMES(REQUEST_COOKIES),
    REQUEST_URI(Kind.SCALAR),
    REQUEST_URI_RAW(Kind.SCALAR),
    REQUEST_FILENAME(Kind.SCALAR),
    REQUEST_BASENAME(Kind.SCALAR),
    REQUEST_LINE(Kind.SCALAR),
    REQUEST_METHOD(Kind.SCALAR),
    REQUEST_PROTOCOL(Kind.SCALAR),
    QUERY_STRING(Kind.SCALAR),
    REQUEST_BODY(Kind.SCALAR),
    REQUEST_BODY_LENGTH(Kind.SCALAR),
    FILES(Kind.KEYED),
    FILES_NAMES(FILES),
    FILES_SIZES(Kind.KEYED),
    FILES_COMBINED_SIZE(Kind.SCALAR),
    FILES_TMPNAMES(Kind.NEVER_SET),
    FILES_TMP_CONTENT(Kind.KEYED),
    MULTIPART_STRICT_ERROR(Kind.SCALAR),
    MULTIPART_UNMATCHED_BOUNDARY(Kind.SCALAR),
    MULTIPART_BOUNDARY_QUOTED(Kind.SCALAR),
    MULTIPART_BOUNDARY_WHITESPACE(Kind.SCALAR),
    MULTIPART_DATA_BEFORE(Kind.SCALAR),
    MULTIPART_DATA_AFTER(Kind.SCALAR),
    MULTIPART_HEADER_FOLDING(Kind.SCALAR),
    MULTIPART_LF_LINE(Kind.SCALAR),
    MULTIPART_CRLF_LF_LINES(Kind.SCALAR),
    MULTIPART_MISSING_SEMICOLON(Kind.SCALAR),
    MULTIPART_INVALID_QUOTING(Kind.SCALAR),
    MULTIPART_INVALID_PART(Kind.SCALAR),
    MULTIPART_INVALID_HEADER_FOLDING(Kind.SCALAR),
    MULTIPART_FILE_LIMIT_EXCEEDED(Kind.SCALAR),
    MULTIPART_FILENAME(Kind.LIST),
    MULTIPART_NAME(Kind.LIST),
    MULTIPART_PART_HEADERS(Kind.KEYED),
    REQBODY_ERROR(Kind.SCALAR),
    REQBODY_ERROR_MSG(Kind.SCALAR),
    REQBODY_PROCESSOR(Kind.SCALAR),
    REQBODY_PROCESSOR_ERROR(Kind.SCALAR),
    REQBODY_PROCESSOR_ERROR_MSG(Kind.SCALAR),
    XML(Kind.KEYED),
    TX(Kind.TRANSIENT),
    IP(Kind.PERSISTENT),
    GLOBAL(Kind.PERSISTENT),
    SESSION(Kind.PERSISTENT),
    USER(Kind.PERSISTENT),
    RESOURCE(Kind.PERSISTENT),
    MATCHED_VAR(Kind.SCALAR),
    MATCHED_VARS(Kind.KEYED),
    MATCHED_VAR_NAME(Kind.SCALAR),
    MATCHED_VARS_NAMES(MATCHED_VARS),
    RESPONSE_BODY(Kind.SCALAR),
    RESPONSE_HEADERS(Kind.KEYED),
    RESPONSE_HEADERS_NAMES(RESPONSE_HEADERS),
    RESPONSE_STATUS(Kind.SCALAR),
    RESPONSE_PROTOCOL(Kind.SCALAR),
    RESPONSE_CONTENT_TYPE(Kind.SCALAR),
    RESPONSE_CONTENT_LENGTH(Kind.SCALAR),
    UNIQUE_ID(Kind.SCALAR),
    REMOTE_ADDR(Kind.SCALAR),
    REMOTE_HOST(Kind.SCALAR),
    REMOTE_PORT(Kind.SCALAR),
    REMOTE_USER(Kind.NEVER_SET),
    SERVER_NAME(Kind.SCALAR),
    SERVER_ADDR(Kind.SCALAR),
    SERVER_PORT(Kind.SCALAR),
    TIME(Kind.SCALAR),
    TIME_DAY(Kind.SCALAR),
    TIME_EPOCH(Kind.SCALAR),
    TIME_HOUR(Kind.SCALAR),
    TIME_MIN(Kind.SCALAR),
    TIME_MON(Kind.SCALAR),
    TIME_SEC(Kind.SCALAR),
    TIME_WDAY(Kind.SCALAR),
    TIME_YEAR(Kind.SCALAR),
    ENV(Kind.KEYED),
    RULE(Kind.RULE),
    DURATION(Kind.SCALAR),
    HIGHEST_SEVERITY(Kind.SCALAR),
    STATUS_LINE(Kind.SCALAR),
    INBOUND_DATA_ERROR(Kind.SCALAR),
    OUTBOUND_DATA_ERROR(Kind.SCALAR),
    AUTH_TYPE(Kind.NEVER_SET),
    FULL_REQUEST(Kind.NEVER_SET),
    FULL_REQUEST_LENGTH(Kind.NEVER_SET),
    PATH_INFO(Kind.NEVER_SET),
    WEBAPPID(Kind.NEVER_SET),
    GEO(Kind.NEVER_SET);

    /** What a variable holds, and so how a rule target selects from it. */
    public enum Kind {
        /** One value, or none. */
        SCALAR,
        /** Values under keys ({@code ARGS:id}); a key may repeat. */
        KEYED,
        /** The keys of a keyed variable, as values ({@code ARGS_NAMES}). */
        NAMES,
        /** Values without keys, as many as the request body gave ({@code MULTIPART_NAME}). */
        LIST,
        /** Values under keys that rules set, for the transaction ({@code TX}). */
        TRANSIENT,
        /** Values under keys that rules set, kept between transactions once {@code initcol} opened them. */
        PERSISTENT,
        /** Facts of the rule being evaluated ({@code RULE:id}). */
        RULE,
        /** Accepted so that rule sets naming it load, but the engine never gives it a value. */
        NEVER_SET
    }

    private static final Map<String, Variable> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Variable::name, Function.identity()));

    private final Kind kind;
    private final Variable namesOf;

    Variable(Kind kind) {
        this.kind = kind;
        this.namesOf = null;
    }

    /** The keys of {@code keyed}, as values. */
    Variable(Variable keyed) {
        this.kind = Kind.NAMES;
        this.namesOf = keyed;
    }

    /** The variable of that name (upper case, as SecLang files are read), or {@code null}. */
    public static Variable named(String name) {
        return BY_NAME.get(name);
    }

    public Kind kind() {
        return kind;
    }

    /** For a {@link Kind#NAMES} variable, the keyed variable whose keys it gives; {@code null} otherwise. */
    public Variable namesOf() {
        return namesOf;
    }

    /** Whether rules set its values ({@code setvar}, {@code expirevar}): TX and the persistent collections. */
    public boolean mutable() {
        return kind == Kind.TRANSIENT || kind == Kind.PERSISTENT;
    }
}
