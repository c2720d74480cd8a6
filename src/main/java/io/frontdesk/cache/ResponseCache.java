package io.frontdesk.cache;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * The stored responses of every caching route: lookup through Vary, storage with a lifetime
 * that covers every later use (fresh, stale serving, revalidation), and purges.
 */
final class ResponseCache {

    /** How long a response with validators is kept past its freshness, for revalidation. */
    private static final long MIN_VALIDATION_WINDOW = 10 * 60_000L;
    private static final long MAX_VALIDATION_WINDOW = 24 * 3_600_000L;

    private final MemoryTier memory;
    private final String tagHeader;

    ResponseCache(MemoryTier memory, String tagHeader) {
        this.memory = memory;
        this.tagHeader = tagHeader;
    }

    /** The outcome of a lookup: the response found, or why none was. */
    record Lookup(StoredResponse response, String missReason) {
    }

    Lookup lookup(String primaryKey, HttpHeaders request) {
        Stored stored = memory.get(primaryKey);
        if (stored instanceof VaryRule rule) {
            Stored variant = memory.get(rule.variantKey(primaryKey, request));
            return variant instanceof StoredResponse response ? new Lookup(response, null)
                    : new Lookup(null, "vary-miss");
        }
        return stored instanceof StoredResponse response ? new Lookup(response, null) : new Lookup(null, "uri-miss");
    }

    void store(String primaryKey, HttpHeaders request, StoredResponse response, CachePolicy policy, long now) {
        List<String> vary = VaryRule.namesOf(response.headers());
        long keep = keepMillis(response, policy, now);
        Set<String> tags = tags(response.headers());
        if (vary.isEmpty()) {
            memory.put(primaryKey, response, keep, tags);
            return;
        }
        VaryRule rule = new VaryRule(vary);
        memory.put(primaryKey, rule, MAX_VALIDATION_WINDOW, Set.of());
        memory.put(rule.variantKey(primaryKey, request), response, keep, tags);
    }

    /** Unsafe requests invalidate what is stored for their URL (RFC 9111 section 4.4). */
    void invalidate(String url) {
        memory.removeIf(key -> CacheKeys.belongsTo(key, url));
    }

    long purgeUrl(String url) {
        return memory.removeIf(key -> CacheKeys.belongsTo(key, url));
    }

    long purgePrefix(String prefix) {
        return memory.removeIf(key -> key.startsWith(prefix));
    }

    long purgeTag(String tag) {
        return memory.removeTagged(tag);
    }

    long purgeAll() {
        return memory.removeAll();
    }

    private static long keepMillis(StoredResponse response, CachePolicy policy, long now) {
        long fresh = Math.max(0, response.timeToLive(now));
        long staleUse = response.forbidsStale() ? 0
                : Math.max(response.staleWhileRevalidate(policy), response.staleIfError(policy));
        long validation = response.hasValidators()
                ? Math.min(MAX_VALIDATION_WINDOW, Math.max(MIN_VALIDATION_WINDOW, response.freshnessLifetime()))
                : 0;
        return Math.max(1000, fresh + Math.max(staleUse, validation));
    }

    private Set<String> tags(HttpHeaders headers) {
        List<String> values = headers.get(tagHeader);
        if (values == null) {
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : values) {
            for (String tag : value.split("[,\\s]+")) {
                if (!tag.isEmpty()) {
                    tags.add(tag);
                }
            }
        }
        return tags;
    }
}
