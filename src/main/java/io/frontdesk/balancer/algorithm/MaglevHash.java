package io.frontdesk.balancer.algorithm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.frontdesk.balancer.Backend;

/**
 * Consistent hashing with Google's Maglev lookup table (as Envoy's {@code MAGLEV}): each backend
 * fills table slots in the order of its own permutation, in turns proportional to its weight,
 * so a key maps to one slot and a backend leaving moves little more than its own keys. A
 * request without a key gets a random backend. A key whose backend was already tried moves to
 * the next slot that holds an untried backend. Slow start does not apply: a table rebuilt on
 * every weight change would move keys all the time.
 *
 * <p>The table depends on the set of backends and their weights only, not on the order the pool
 * lists them in: members take their turns in the order of their ids, so a discovery source that
 * returns the same members in another order (DNS answers rotate) moves no key.
 */
public final class MaglevHash implements BalancingAlgorithm {

    /** Table size: a prime well above the backend count, as Envoy's default. */
    static final int TABLE_SIZE = 65537;

    private volatile Table table = new Table(List.of(), Map.of(), new int[0]);

    @Override
    public Backend pick(Selection selection) {
        String key = selection.hashKey();
        if (key == null) {
            int[] untried = selection.untried();
            return untried.length == 0 ? null
                    : selection.get(untried[ThreadLocalRandom.current().nextInt(untried.length)]);
        }
        Table current = tableFor(selection);
        int slot = (int) Long.remainderUnsigned(hash(key), TABLE_SIZE);
        for (int probe = 0; probe < TABLE_SIZE; probe++) {
            Backend backend = current.members.get(current.slots[(slot + probe) % TABLE_SIZE]);
            if (!selection.isExcluded(backend)) {
                return backend;
            }
        }
        return null;
    }

    private Table tableFor(Selection selection) {
        Table current = table;
        if (!current.builtFor(selection)) {
            current = Table.build(selection);
            table = current;
        }
        return current;
    }

    /** FNV-1a over the key's characters, finished with MurmurHash3's 64-bit mix. */
    static long hash(CharSequence text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    @Override
    public boolean supportsSlowStart() {
        return false;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** A filled lookup table: slot to position in {@code members}, which are in the order of their ids. */
    private record Table(List<Backend> members, Map<Backend, Double> weights, int[] slots) {

        boolean builtFor(Selection selection) {
            if (members.size() != selection.size()) {
                return false;
            }
            for (int i = 0; i < selection.size(); i++) {
                Double weight = weights.get(selection.get(i));
                if (weight == null || weight != selection.weights()[i]) {
                    return false;
                }
            }
            return true;
        }

        static Table build(Selection selection) {
            Map<Backend, Double> weightOf = new IdentityHashMap<>();
            for (int i = 0; i < selection.size(); i++) {
                weightOf.put(selection.get(i), selection.weights()[i]);
            }
            List<Backend> members = new ArrayList<>(selection.backends());
            members.sort(Comparator.comparing(Backend::id));
            int n = members.size();
            long[] offset = new long[n];
            long[] skip = new long[n];
            long[] next = new long[n];
            double[] weights = new double[n];
            double[] credit = new double[n];
            double maxWeight = 0;
            for (int i = 0; i < n; i++) {
                long h = hash(members.get(i).id());
                offset[i] = Long.remainderUnsigned(h, TABLE_SIZE);
                skip[i] = Long.remainderUnsigned(mix(h ^ 0x9e3779b97f4a7c15L), TABLE_SIZE - 1) + 1;
                weights[i] = weightOf.get(members.get(i));
                maxWeight = Math.max(maxWeight, weights[i]);
            }
            int[] slots = new int[TABLE_SIZE];
            Arrays.fill(slots, -1);
            int filled = 0;
            while (filled < TABLE_SIZE) {
                for (int i = 0; i < n && filled < TABLE_SIZE; i++) {
                    credit[i] += weights[i] / maxWeight;
                    if (credit[i] < 1) {
                        continue;
                    }
                    credit[i] -= 1;
                    int slot;
                    do {
                        slot = (int) ((offset[i] + next[i] * skip[i]) % TABLE_SIZE);
                        next[i]++;
                    } while (slots[slot] >= 0);
                    slots[slot] = i;
                    filled++;
                }
            }
            return new Table(List.copyOf(members), weightOf, slots);
        }
    }
}
