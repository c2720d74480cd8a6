package io.frontdesk.waf.engine.seclang;

/** A rule's operator, as written: {@code @rx} when none is named, its argument, and whether it is negated. */
public record OperatorSpec(String name, String argument, boolean negated) {
}
