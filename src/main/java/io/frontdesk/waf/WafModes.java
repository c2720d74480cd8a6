package io.frontdesk.waf;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.waf.engine.EngineMode;

/** {@code on}, {@code detection-only} or {@code off}, as {@code frontdesk.waf.mode} and route overrides write it. */
final class WafModes {

    private WafModes() {
    }

    static EngineMode parse(String text, String key) {
        try {
            return EngineMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "must be on, detection-only or off, was '" + text + "'");
        }
    }
}
