package io.frontdesk.waf.engine;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.frontdesk.waf.engine.operator.NumericText;
import io.frontdesk.waf.engine.variable.MutableCollection;

/**
 * The collections {@code initcol} opens (IP, GLOBAL, SESSION, USER, RESOURCE), kept in memory
 * between transactions of this rule set. A record not written for {@code SecCollectionTimeout}
 * seconds is gone; a variable given {@code expirevar} is gone after its time. At most
 * {@value #MOST_RECORDS} records are kept: past that, expired ones are dropped and, while still
 * full, new records are not kept.
 */
final class PersistentCollections {

    static final int MOST_RECORDS = 100_000;
    static final String EXPIRY_PREFIX = "__expire_";

    private record Stored(MutableCollection values, long writtenAt) {
    }

    private final Map<String, Stored> records = new ConcurrentHashMap<>();

    /** A copy of the record, without expired variables; empty when there is none. */
    MutableCollection load(String collection, String key, long nowSeconds, long timeoutSeconds) {
        Stored stored = records.get(collection + '\0' + key);
        if (stored == null || stored.writtenAt() + timeoutSeconds <= nowSeconds) {
            return new MutableCollection();
        }
        MutableCollection copy = stored.values().copy();
        for (Map.Entry<String, String> entry : stored.values().asMap().entrySet()) {
            if (entry.getKey().startsWith(EXPIRY_PREFIX) && NumericText.atoi(entry.getValue()) <= nowSeconds) {
                copy.remove(entry.getKey());
                copy.remove(entry.getKey().substring(EXPIRY_PREFIX.length()));
            }
        }
        return copy;
    }

    void store(String collection, String key, MutableCollection values, long nowSeconds, long timeoutSeconds) {
        String recordKey = collection + '\0' + key;
        if (records.size() >= MOST_RECORDS && !records.containsKey(recordKey)) {
            dropExpired(nowSeconds, timeoutSeconds);
            if (records.size() >= MOST_RECORDS) {
                return;
            }
        }
        records.put(recordKey, new Stored(values.copy(), nowSeconds));
    }

    private void dropExpired(long nowSeconds, long timeoutSeconds) {
        for (Iterator<Stored> it = records.values().iterator(); it.hasNext();) {
            if (it.next().writtenAt() + timeoutSeconds <= nowSeconds) {
                it.remove();
            }
        }
    }
}
