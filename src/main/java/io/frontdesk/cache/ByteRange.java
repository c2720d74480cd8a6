package io.frontdesk.cache;

/** Byte ranges: a single one of a Range header field (RFC 9110 section 14.1.2), and a Content-Range. */
final class ByteRange {

    /** The range lies wholly past the end of the representation. */
    static final long[] UNSATISFIABLE = new long[0];

    private ByteRange() {
    }

    /**
     * The first and last byte and the complete length a Content-Range field gives a 206 (RFC 9110
     * section 14.4), or {@code null} unless it is {@code bytes first-last/length} with a known length
     * and a range inside it.
     */
    static long[] contentRange(String header) {
        if (header == null || !header.startsWith("bytes ")) {
            return null;
        }
        int dash = header.indexOf('-');
        int slash = header.indexOf('/');
        if (dash < 0 || slash < dash) {
            return null;
        }
        long first = position(header.substring(6, dash));
        long last = position(header.substring(dash + 1, slash));
        long length = position(header.substring(slash + 1));
        return first < 0 || last < first || length <= last ? null : new long[] {first, last, length};
    }

    /** Digits only, at most 18 of them; else -1. */
    private static long position(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    /**
     * The first and last byte position of a single range, {@link #UNSATISFIABLE}, or {@code null}
     * when the field is not one valid byte range (several ranges, other units, bad syntax): the
     * whole representation is sent then, which RFC 9110 allows.
     */
    static long[] single(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        try {
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    return suffix == 0 ? UNSATISFIABLE : null;
                }
                return length == 0 ? UNSATISFIABLE : new long[] {Math.max(0, length - suffix), length - 1};
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? length - 1 : Math.min(Long.parseLong(last), length - 1);
            if (start < 0 || !last.isEmpty() && Long.parseLong(last) < start) {
                return null;
            }
            return start >= length ? UNSATISFIABLE : new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
