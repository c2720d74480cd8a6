package io.frontdesk.cache;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** HTTP dates (RFC 9110 section 5.6.7): IMF-fixdate and the two obsolete forms recipients must accept. */
final class HttpDates {

    /** What an absent or unparseable date reads as. */
    static final long INVALID = Long.MIN_VALUE;

    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(java.time.ZoneOffset.UTC));

    private HttpDates() {
    }

    /** Epoch milliseconds, or {@link #INVALID}. */
    static long parse(String value) {
        if (value == null || value.isBlank()) {
            return INVALID;
        }
        for (DateTimeFormatter format : FORMATS) {
            try {
                return ZonedDateTime.parse(value.trim(), format).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // the next form may fit
            }
        }
        return INVALID;
    }

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(java.time.ZoneOffset.UTC);

    static String format(long epochMillis) {
        return IMF_FIXDATE.format(java.time.Instant.ofEpochMilli(epochMillis));
    }
}
