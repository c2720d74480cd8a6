package io.frontdesk.waf.engine;

import java.util.Locale;

/** SecRuleEngine: rules run and may stop requests, run and only report, or do not run. */
public enum EngineMode {
    ON, DETECTION_ONLY, OFF;

    /** {@code On}, {@code DetectionOnly} or {@code Off}, in any case. */
    public static EngineMode parse(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "on":
                return ON;
            case "detectiononly":
                return DETECTION_ONLY;
            case "off":
                return OFF;
            default:
                throw new IllegalArgumentException("the rule engine is On, DetectionOnly or Off, not '" + text + "'");
        }
    }
}
