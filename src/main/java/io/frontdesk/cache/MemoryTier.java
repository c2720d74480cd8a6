package io.frontdesk.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

/**
 * The in-process tier: bounded by the bytes of what it holds (not by entries), each entry
 * expiring when it is of no more use, and an index of tags for purging. Never blocks: Caffeine's
 * maintenance runs on the calling thread in small amortised steps or on the common pool.
 */
final class MemoryTier {

    private record Entry(Stored value, long keepNanos, Set<String> tags) {
    }

    private final Cache<String, Entry> entries;
    private final ConcurrentHashMap<String, Set<String>> keysByTag = new ConcurrentHashMap<>();
    private final CacheMetrics metrics;

    MemoryTier(long maxBytes, CacheMetrics metrics) {
        this.metrics = metrics;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Entry entry) -> key.length() + weight(entry.value()))
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long currentTime) {
                        return entry.keepNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                        return entry.keepNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .removalListener((String key, Entry entry, RemovalCause cause) -> {
                    if (entry != null) {
                        untag(key, entry.tags());
                        if (cause == RemovalCause.SIZE) {
                            metrics.eviction();
                        }
                    }
                })
                .build();
    }

    private static int weight(Stored value) {
        return value instanceof StoredResponse response ? response.weight() : 64;
    }

    Stored get(String key) {
        Entry entry = entries.getIfPresent(key);
        return entry == null ? null : entry.value();
    }

    void put(String key, Stored value, long keepMillis, Set<String> tags) {
        for (String tag : tags) {
            keysByTag.computeIfAbsent(tag, t -> ConcurrentHashMap.newKeySet()).add(key);
        }
        entries.put(key, new Entry(value, keepMillis * 1_000_000L, tags));
    }

    void remove(String key) {
        entries.invalidate(key);
    }

    /** Removes every key the predicate accepts; returns how many. */
    long removeIf(Predicate<String> key) {
        long removed = 0;
        for (String candidate : entries.asMap().keySet()) {
            if (key.test(candidate) && entries.asMap().remove(candidate) != null) {
                removed++;
            }
        }
        return removed;
    }

    long removeTagged(String tag) {
        Set<String> keys = keysByTag.remove(tag);
        if (keys == null) {
            return 0;
        }
        long removed = 0;
        for (String key : keys) {
            if (entries.asMap().remove(key) != null) {
                removed++;
            }
        }
        return removed;
    }

    long removeAll() {
        long size = entries.estimatedSize();
        entries.invalidateAll();
        keysByTag.clear();
        return size;
    }

    long entries() {
        return entries.estimatedSize();
    }

    /** Bytes held now, by the weigher's count. */
    long bytes() {
        return entries.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    }

    /** Drops a removed entry's key from its tags, unless the entry now under the key carries the tag again. */
    private void untag(String key, Set<String> tags) {
        Entry current = entries.getIfPresent(key);
        for (String tag : tags) {
            if (current != null && current.tags().contains(tag)) {
                continue;
            }
            keysByTag.computeIfPresent(tag, (t, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
        }
    }
}
