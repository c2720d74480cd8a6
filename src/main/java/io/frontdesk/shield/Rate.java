package io.frontdesk.shield;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rate written {@code COUNT/PERIOD}: {@code 20/s}, {@code 600/m}, {@code 10000/h}, {@code 5/10s}. */
record Rate(long count, Duration period) {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|m|h|d)");

    /** The rate, or {@code null} when the text is not one. */
    static Rate parse(String text) {
        Matcher matcher = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            return null;
        }
        long count = Long.parseLong(matcher.group(1));
        long amount = matcher.group(2).isEmpty() ? 1 : Long.parseLong(matcher.group(2));
        Duration unit = switch (matcher.group(3)) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return count > 0 && amount > 0 ? new Rate(count, unit.multipliedBy(amount)) : null;
    }

    /** The time one token takes to come back. */
    long intervalNanos() {
        return Math.max(1, period.toNanos() / count);
    }
}
