package io.frontdesk.waf.engine.rule;

import java.util.ArrayList;
import java.util.List;

/** Rule ids as removals name them: {@code 942100}, {@code 942100-942199}, several separated by spaces. */
public final class IdRanges {

    private final long[] lows;
    private final long[] highs;

    private IdRanges(long[] lows, long[] highs) {
        this.lows = lows;
        this.highs = highs;
    }

    /** An {@link IllegalArgumentException} naming the text when it is not ids or ranges. */
    public static IdRanges parse(String text) {
        List<long[]> ranges = new ArrayList<>();
        for (String part : text.strip().split("[\\s,]+")) {
            int dash = part.indexOf('-', 1);
            try {
                long low = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
                long high = dash < 0 ? low : Long.parseLong(part.substring(dash + 1));
                ranges.add(new long[] {low, high});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a rule id or a range of them");
            }
        }
        long[] lows = new long[ranges.size()];
        long[] highs = new long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            lows[i] = ranges.get(i)[0];
            highs[i] = ranges.get(i)[1];
        }
        return new IdRanges(lows, highs);
    }

    public boolean contains(long id) {
        for (int i = 0; i < lows.length; i++) {
            if (id >= lows[i] && id <= highs[i]) {
                return true;
            }
        }
        return false;
    }
}
