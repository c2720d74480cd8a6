package io.frontdesk.waf.engine.transform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transformation chains of one rule set, each made once however many rules name it, and
 * numbered densely from the empty chain's 0. Not thread-safe: used while a rule set loads.
 */
public final class TransformationChains {

    private final TransformationChain empty = new TransformationChain(null, null, 0);
    private final Map<String, TransformationChain> byNames = new HashMap<>();

    /** The chain of these transformations (each one {@link Transformations#named known}), in order. */
    public TransformationChain of(List<String> names) {
        TransformationChain chain = empty;
        StringBuilder key = new StringBuilder();
        for (String name : names) {
            key.append(name).append(',');
            TransformationChain prefix = chain;
            chain = byNames.computeIfAbsent(key.toString(),
                    k -> new TransformationChain(prefix, Transformations.named(name), byNames.size() + 1));
        }
        return chain;
    }

    /** How many chains there are, the empty one included: each index is less. */
    public int size() {
        return byNames.size() + 1;
    }
}
