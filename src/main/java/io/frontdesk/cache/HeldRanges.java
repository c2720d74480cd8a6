package io.frontdesk.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The byte ranges of a representation a partial stored response holds (RFC 9111 section 3.4):
 * sorted, disjoint, and with adjacent ones joined, so that a range is held when one of them
 * covers it.
 */
final class HeldRanges {

    /** First and last byte of each range, in order. */
    private final long[] bounds;

    private HeldRanges(long[] bounds) {
        this.bounds = bounds;
    }

    static HeldRanges of(long first, long last) {
        return new HeldRanges(new long[] {first, last});
    }

    /** From first, last pairs as {@link #bounds()} gives them. */
    static HeldRanges fromBounds(long[] bounds) {
        HeldRanges ranges = new HeldRanges(new long[0]);
        for (int i = 0; i + 1 < bounds.length; i += 2) {
            ranges = ranges.with(of(bounds[i], bounds[i + 1]));
        }
        return ranges;
    }

    HeldRanges with(HeldRanges other) {
        List<long[]> all = new ArrayList<>();
        for (HeldRanges ranges : List.of(this, other)) {
            for (int i = 0; i < ranges.bounds.length; i += 2) {
                all.add(new long[] {ranges.bounds[i], ranges.bounds[i + 1]});
            }
        }
        all.sort(Comparator.comparingLong(range -> range[0]));
        long[] joined = new long[all.size() * 2];
        int count = 0;
        for (long[] range : all) {
            if (count > 0 && range[0] <= joined[count - 1] + 1) {
                joined[count - 1] = Math.max(joined[count - 1], range[1]);
            } else {
                joined[count++] = range[0];
                joined[count++] = range[1];
            }
        }
        return new HeldRanges(Arrays.copyOf(joined, count));
    }

    boolean covers(long first, long last) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] <= first && last <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** First and last byte of each range, in order. */
    long[] bounds() {
        return bounds.clone();
    }
}
