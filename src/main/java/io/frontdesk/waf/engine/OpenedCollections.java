package io.frontdesk.waf.engine;

import java.util.EnumMap;
import java.util.Map;

import io.frontdesk.waf.engine.seclang.Variable;

/**
 * The persistent collections one transaction opened with {@code initcol}: each loaded from the
 * rule set's store under its key when opened, and saved back under it at the transaction's end.
 */
final class OpenedCollections {

    private final PersistentCollections store;
    private final long timeoutSeconds;
    private final Variables variables;
    /** By collection, the key it was opened under; made with the first, as most transactions open none. */
    private Map<Variable, String> keys;

    /** @param variables where the transaction's rules find the opened collections */
    OpenedCollections(PersistentCollections store, long timeoutSeconds, Variables variables) {
        this.store = store;
        this.timeoutSeconds = timeoutSeconds;
        this.variables = variables;
    }

    /** Opens the collection {@code name} under {@code key}; nothing when it names no persistent collection. */
    void open(String name, String key) {
        Variable collection = Variable.named(name);
        if (collection == null || collection.kind() != Variable.Kind.PERSISTENT) {
            return;
        }
        variables.opened(collection, store.load(name, key, nowSeconds(), timeoutSeconds));
        if (keys == null) {
            keys = new EnumMap<>(Variable.class);
        }
        keys.put(collection, key);
    }

    void save() {
        if (keys == null) {
            return;
        }
        long now = nowSeconds();
        keys.forEach((collection, key) -> store.store(collection.name(), key, variables.mutable(collection), now,
                timeoutSeconds));
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
