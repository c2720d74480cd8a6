package io.frontdesk.waf.engine;

import io.frontdesk.waf.engine.rule.Rule;

/** One place in a phase's list: a rule, or a marker ({@code SecMarker}) that skipAfter jumps to. */
record PhaseEntry(Rule rule, String marker) {
}
