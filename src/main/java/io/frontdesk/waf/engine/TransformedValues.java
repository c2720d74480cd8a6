package io.frontdesk.waf.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.frontdesk.waf.engine.transform.TransformationChain;

/**
 * What the rules' transformation chains made of the values of one transaction. Many rules read
 * the same values through the same chains, or through chains that begin alike: each value goes
 * through each chain once, a chain taking up what its prefix made of the value. Values are told
 * apart by their bytes, so a value that arrives twice (under two names, say) is transformed once;
 * and where two chains' prefixes made one string of a value, their common last transformation is
 * applied to it once.
 */
final class TransformedValues {

    private final int chains;
    /** By value, what each chain (by its index) made of it, or null where none has yet. */
    private final Map<String, String[]> byValue = new HashMap<>();

    TransformedValues(int chains) {
        this.chains = chains;
    }

    String of(String value, TransformationChain chain) {
        if (chain.isEmpty()) {
            return value;
        }
        String[] made = byValue.get(value);
        if (made == null) {
            made = new String[chains];
            made[0] = value;
            byValue.put(value, made);
        }
        return of(made, chain);
    }

    private static String of(String[] made, TransformationChain chain) {
        String result = made[chain.index()];
        if (result == null) {
            String input = of(made, chain.prefix());
            result = madeAlike(made, chain, input);
            if (result == null) {
                result = chain.applyLast(input);
            }
            made[chain.index()] = result;
        }
        return result;
    }

    /**
     * What another chain ending with the same transformation made of the value, when its prefix
     * made {@code input} too (as a transformation that changes nothing hands its input on, say).
     */
    private static String madeAlike(String[] made, TransformationChain chain, String input) {
        List<TransformationChain> alike = chain.sameLast();
        for (int i = 0; i < alike.size(); i++) {
            TransformationChain other = alike.get(i);
            String result = made[other.index()];
            if (result != null && made[other.prefix().index()] == input) {
                return result;
            }
        }
        return null;
    }
}
