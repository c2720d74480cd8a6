package io.frontdesk.waf.conformance.ftw;

/** One header line's name and value, as byte strings (each char one byte). */
public record Header(String name, String value) {
}
