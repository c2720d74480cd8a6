package io.frontdesk.config;

/** A configuration value that Frontdesk cannot run with; the message names the key. */
public class InvalidConfigurationException extends RuntimeException {

    private final String key;

    public InvalidConfigurationException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The configuration key at fault, such as {@code frontdesk.pools.web.algorithm}. */
    public String key() {
        return key;
    }
}
