package io.frontdesk.balancer;

import java.util.Locale;
import java.util.function.Function;

import io.frontdesk.config.InvalidConfigurationException;

/** Where consistent hashing takes its key from: {@code client-ip}, {@code header:NAME} or {@code cookie:NAME}. */
public final class HashKeySource {

    private final String description;
    private final Function<RequestFacts, String> extractor;

    private HashKeySource(String description, Function<RequestFacts, String> extractor) {
        this.description = description;
        this.extractor = extractor;
    }

    /** Parses the value of {@code key}; a bad value fails with a message naming it. */
    public static HashKeySource parse(String key, String value) {
        String text = value == null ? "" : value.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("client-ip")) {
            return new HashKeySource("client-ip", RequestFacts::clientAddress);
        }
        if (lower.startsWith("header:") && text.length() > "header:".length()) {
            String name = text.substring("header:".length()).trim();
            return new HashKeySource(text, facts -> facts.header(name));
        }
        if (lower.startsWith("cookie:") && text.length() > "cookie:".length()) {
            String name = text.substring("cookie:".length()).trim();
            return new HashKeySource(text, facts -> facts.cookie(name));
        }
        throw new InvalidConfigurationException(key,
                "'" + value + "' is not a hash key source; use client-ip, header:NAME or cookie:NAME");
    }

    /** The key of this request, or {@code null} when it carries none. */
    public String keyOf(RequestFacts facts) {
        return extractor.apply(facts);
    }

    @Override
    public String toString() {
        return description;
    }
}
