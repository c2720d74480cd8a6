package io.frontdesk.waf.engine;

/**
 * What {@link RuleGate} found, by variable and chain, each record stamped with the generation it
 * is from: a small open-addressing table, since a request asks about a few dozen of the thousands
 * of pairs a rule set could name. The pairs asked about stay in the table; their records count only
 * in the generation they were stamped with.
 */
final class GateRecords {

    /** Room, at half load, for the pairs a request asks about: CRS's browser GET asks about seventy. */
    private static final int MOST_FIRST_CAPACITY = 256;

    /** By slot, the pair's number plus one; 0 for an empty slot. */
    private int[] keys;
    private Object[] records;
    private int[] stamps;
    private int size;

    /** @param pairs how many pairs there are to ask about: a small rule set's table is made small */
    GateRecords(int pairs) {
        int capacity = Math.min(MOST_FIRST_CAPACITY, Integer.highestOneBit(Math.max(2 * pairs, 4) - 1) << 1);
        keys = new int[capacity];
        records = new Object[capacity];
        stamps = new int[capacity];
    }

    /** The record of the pair numbered {@code pair} stamped with {@code generation}, or null. */
    Object get(int pair, int generation) {
        int slot = slot(keys, pair);
        return keys[slot] != 0 && stamps[slot] == generation ? records[slot] : null;
    }

    /** Keeps {@code record} as the pair's, in {@code generation}. */
    void put(int pair, Object record, int generation) {
        int slot = slot(keys, pair);
        if (keys[slot] == 0) {
            if (2 * (size + 1) > keys.length) {
                grow();
                slot = slot(keys, pair);
            }
            keys[slot] = pair + 1;
            size++;
        }
        records[slot] = record;
        stamps[slot] = generation;
    }

    /** Where the pair is in {@code table}, or the empty slot where it would go. */
    private static int slot(int[] table, int pair) {
        int mask = table.length - 1;
        int slot = (pair * 0x9E3779B1 >>> 16) & mask;
        while (table[slot] != 0 && table[slot] != pair + 1) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldRecords = records;
        int[] oldStamps = stamps;
        keys = new int[2 * oldKeys.length];
        records = new Object[keys.length];
        stamps = new int[keys.length];
        for (int old = 0; old < oldKeys.length; old++) {
            if (oldKeys[old] != 0) {
                int slot = slot(keys, oldKeys[old] - 1);
                keys[slot] = oldKeys[old];
                records[slot] = oldRecords[old];
                stamps[slot] = oldStamps[old];
            }
        }
    }
}
