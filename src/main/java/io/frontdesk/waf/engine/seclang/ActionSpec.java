package io.frontdesk.waf.engine.seclang;

/** One action of a rule, as written: {@code name} or {@code name:argument} (quotes removed). */
public record ActionSpec(String name, String argument) {

    /** The action named, or {@code null} when the engine has none of that name. */
    public Action action() {
        return Action.named(name);
    }
}
