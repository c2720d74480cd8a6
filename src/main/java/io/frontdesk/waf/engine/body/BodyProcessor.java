package io.frontdesk.waf.engine.body;

/**
 * Turns a request body into what rules inspect (ModSecurity's request body processors:
 * URLENCODED, MULTIPART, JSON, XML). The body is a byte string: one char per byte.
 */
@FunctionalInterface
public interface BodyProcessor {

    /**
     * Reads {@code body}, sent with {@code contentType} (the whole Content-Type header, parameters
     * included), into {@code parsed}. A body the processor cannot read is not an exception: it is
     * {@link ParsedBody#error(String)}, which rules see as REQBODY_ERROR.
     */
    void process(String body, String contentType, ParsedBody parsed);
}
