package io.frontdesk.waf.engine.transform;

/**
 * A SecLang transformation ({@code t:name}) applied to a value before the operator sees it.
 * Values are byte strings: each char holds one byte (0-255) of the raw input, as ModSecurity
 * works on bytes; {@code utf8toUnicode} is what turns UTF-8 sequences into {@code %uXXXX}.
 */
@FunctionalInterface
public interface Transformation {

    String apply(String value);
}
