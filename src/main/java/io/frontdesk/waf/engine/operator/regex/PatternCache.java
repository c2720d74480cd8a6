package io.frontdesk.waf.engine.operator.regex;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Patterns compiled from text that changes at run time (an {@code @rx} argument with macros),
 * the most recently used kept up to a fixed number; text that does not compile is remembered too.
 * Safe for use by many threads.
 */
public final class PatternCache {

    private final Map<String, Optional<PcrePattern>> patterns;

    public PatternCache(int capacity) {
        this.patterns = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<PcrePattern>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The pattern compiled from the text, or empty when it does not compile. */
    public synchronized Optional<PcrePattern> get(String pcre) {
        return patterns.computeIfAbsent(pcre, PatternCache::compile);
    }

    private static Optional<PcrePattern> compile(String pcre) {
        try {
            return Optional.of(PcrePattern.compile(pcre));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }
}
