package io.frontdesk.telemetry;

import java.time.Instant;

/**
 * UTC timestamps with milliseconds for log lines ({@code 2026-11-26T20:21:34.123Z}), formatting
 * the date and time once per second rather than once per line.
 */
final class LogClock {

    private volatile Second current = new Second(Long.MIN_VALUE, "");

    /** Appends the time {@code epochMillis} to the builder. */
    StringBuilder append(StringBuilder out, long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Second cached = current;
        if (cached.epochSecond != second) {
            String text = Instant.ofEpochSecond(second).toString();
            cached = new Second(second, text.substring(0, text.length() - 1) + ".");
            current = cached;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        out.append(cached.prefix).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append('Z');
        return out;
    }

    private record Second(long epochSecond, String prefix) {
    }
}
