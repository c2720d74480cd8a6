package io.frontdesk.cache;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 section 5.6.7): IMF-fixdate and the two obsolete forms recipients must
 * accept, RFC 850 and asctime, exactly as the grammar spells them. Anything else (a one-digit
 * hour, another zone than GMT, a numeric offset, a day the month does not have) is invalid:
 * RFC 9111 reads an invalid Expires as already expired, so a lenient parser would keep responses
 * the origin meant to expire. The day name is checked to be one, not to match the date.
 */
final class HttpDates {

    /** What an absent or unparseable date reads as. */
    static final long INVALID = Long.MIN_VALUE;

    private static final List<String> DAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final List<String> LONG_DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec");
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** Epoch milliseconds, or {@link #INVALID}. */
    static long parse(String value) {
        if (value == null) {
            return INVALID;
        }
        String date = value.trim();
        if (date.length() == 29 && date.charAt(3) == ',') {
            return imfFixdate(date);
        }
        if (date.length() == 24 && date.charAt(3) == ' ') {
            return asctime(date);
        }
        int comma = date.indexOf(',');
        return comma > 0 ? rfc850(date, comma) : INVALID;
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT} */
    private static long imfFixdate(String date) {
        if (!DAYS.contains(date.substring(0, 3)) || date.charAt(4) != ' ' || date.charAt(7) != ' '
                || date.charAt(11) != ' ' || date.charAt(16) != ' ' || !date.endsWith(" GMT")) {
            return INVALID;
        }
        return epochMillis(digits(date, 12, 4), month(date, 8), digits(date, 5, 2), time(date, 17));
    }

    /** {@code Sunday, 06-Nov-94 08:49:37 GMT}; a year more than 50 years ahead is the last century's. */
    private static long rfc850(String date, int comma) {
        int at = comma + 2;
        if (!LONG_DAYS.contains(date.substring(0, comma)) || date.length() != at + 22 || date.charAt(comma + 1) != ' '
                || date.charAt(at + 2) != '-' || date.charAt(at + 6) != '-' || date.charAt(at + 9) != ' '
                || !date.endsWith(" GMT")) {
            return INVALID;
        }
        int twoDigits = digits(date, at + 7, 2);
        if (twoDigits < 0) {
            return INVALID;
        }
        int thisYear = Year.now(ZoneOffset.UTC).getValue();
        int year = thisYear - thisYear % 100 + twoDigits;
        if (year > thisYear + 50) {
            year -= 100;
        }
        return epochMillis(year, month(date, at + 3), digits(date, at, 2), time(date, at + 10));
    }

    /** {@code Sun Nov  6 08:49:37 1994}: a one-digit day after a space. */
    private static long asctime(String date) {
        if (!DAYS.contains(date.substring(0, 3)) || date.charAt(7) != ' ' || date.charAt(10) != ' '
                || date.charAt(19) != ' ') {
            return INVALID;
        }
        int day = date.charAt(8) == ' ' ? digits(date, 9, 1) : digits(date, 8, 2);
        return epochMillis(digits(date, 20, 4), month(date, 4), day, time(date, 11));
    }

    /** {@code HH:MM:SS} as seconds of the day (a leap second allowed), or -1. */
    private static int time(String date, int from) {
        int hour = digits(date, from, 2);
        int minute = digits(date, from + 3, 2);
        int second = digits(date, from + 6, 2);
        if (date.charAt(from + 2) != ':' || date.charAt(from + 5) != ':' || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 60) {
            return -1;
        }
        return hour * 3600 + minute * 60 + second;
    }

    private static int month(String date, int from) {
        return MONTHS.indexOf(date.substring(from, from + 3)) + 1;
    }

    /** The number the {@code count} ASCII digits at {@code from} spell, or -1. */
    private static int digits(String date, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = date.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static long epochMillis(int year, int month, int day, int secondOfDay) {
        if (year < 0 || month < 1 || day < 1 || secondOfDay < 0) {
            return INVALID;
        }
        try {
            return (LocalDate.of(year, month, day).toEpochDay() * 86_400 + secondOfDay) * 1000;
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    static String format(long epochMillis) {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
    }
}
