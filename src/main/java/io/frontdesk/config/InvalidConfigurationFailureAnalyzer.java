package io.frontdesk.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link InvalidConfigurationException} into one clear start-up message. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
                "Correct " + cause.key() + " in application.yml (see docs/configuration.md).", cause);
    }
}
