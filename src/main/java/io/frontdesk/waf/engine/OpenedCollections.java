package io.frontdesk.waf.engine;

import java.util.EnumMap;
import java.util.Map;

import io.frontdesk.waf.engine.seclang.Variable;
import io.frontdesk.waf.engine.variable.MutableCollection;

/**
 * The persistent collections one transaction opened with {@code initcol}: each loaded from the
 * rule set's store under its key when opened, and saved back under it at the transaction's end.
 */
final class OpenedCollections {

    private final PersistentCollections store;
    private final long timeoutSeconds;
    private final Map<Variable, MutableCollection> opened;
    private final Map<Variable, String> keys = new EnumMap<>(Variable.class);

    /** @param opened where the transaction's variables find the opened collections */
    OpenedCollections(PersistentCollections store, long timeoutSeconds, Map<Variable, MutableCollection> opened) {
        this.store = store;
        this.timeoutSeconds = timeoutSeconds;
        this.opened = opened;
    }

    /** Opens the collection {@code name} under {@code key}; nothing when it names no persistent collection. */
    void open(String name, String key) {
        Variable collection = Variable.named(name);
        if (collection == null || collection.kind() != Variable.Kind.PERSISTENT) {
            return;
        }
        opened.put(collection, store.load(name, key, nowSeconds(), timeoutSeconds));
        keys.put(collection, key);
    }

    void save() {
        long now = nowSeconds();
        keys.forEach((collection, key) -> store.store(collection.name(), key, opened.get(collection), now,
                timeoutSeconds));
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
