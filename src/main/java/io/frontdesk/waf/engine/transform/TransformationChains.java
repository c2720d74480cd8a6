package io.frontdesk.waf.engine.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transformation chains of one rule set, each made once however many rules name it, and
 * numbered densely from the empty chain's 0. Not thread-safe: used while a rule set loads, and the
 * chains it made are not to be read by other threads before it is done.
 */
public final class TransformationChains {

    private final TransformationChain empty = new TransformationChain(null, null, 0, List.of());
    private final Map<String, TransformationChain> byNames = new HashMap<>();
    private final Map<Transformation, List<TransformationChain>> byLast = new HashMap<>();

    /** The chain of these transformations (each one {@link Transformations#named known}), in order. */
    public TransformationChain of(List<String> names) {
        TransformationChain chain = empty;
        StringBuilder key = new StringBuilder();
        for (String name : names) {
            key.append(name).append(',');
            TransformationChain prefix = chain;
            chain = byNames.computeIfAbsent(key.toString(), k -> chain(prefix, Transformations.named(name)));
        }
        return chain;
    }

    private TransformationChain chain(TransformationChain prefix, Transformation last) {
        List<TransformationChain> sameLast = byLast.computeIfAbsent(last, transformation -> new ArrayList<>());
        TransformationChain chain = new TransformationChain(prefix, last, byNames.size() + 1,
                Collections.unmodifiableList(sameLast));
        sameLast.add(chain);
        for (TransformationChain alike : sameLast) {
            alike.alsoEndedBy(chain);
            chain.alsoEndedBy(alike);
        }
        return chain;
    }

    /** How many chains there are, the empty one included: each index is less. */
    public int size() {
        return byNames.size() + 1;
    }
}
