package io.frontdesk.waf.conformance.ftw;

import io.frontdesk.waf.engine.transform.UrlEncode;

/**
 * Escaping of a form field name or value, identical in Go's {@code url.QueryEscape} and Python's
 * {@code quote_plus}: {@code A-Z a-z 0-9 - _ . ~} stay, a space becomes {@code +}, every other byte
 * {@code %XX} in upper-case hex.
 */
final class FormEscaping {

    private static final UrlEncode QUERY_ESCAPE = new UrlEncode("-_.~", true);

    private FormEscaping() {
    }

    /** Escapes a byte string. */
    static String escape(String value) {
        return QUERY_ESCAPE.apply(value);
    }
}
