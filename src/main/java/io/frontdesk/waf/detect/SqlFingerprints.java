package io.frontdesk.waf.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fingerprints of SQL injections: libinjection's list, shipped as a resource (see NOTICE).
 * Letters compare in upper case, as libinjection compares them; each fingerprint is packed into a
 * {@code long}, a byte a letter, and looked up by bisection, which allocates nothing.
 */
final class SqlFingerprints {

    private static final String RESOURCE = "sqli-fingerprints.txt";
    private static final long[] KNOWN = load();

    private SqlFingerprints() {
    }

    static boolean isInjection(String letters) {
        return Arrays.binarySearch(KNOWN, key(letters)) >= 0;
    }

    private static long key(String letters) {
        long key = 0;
        for (int i = 0; i < letters.length(); i++) {
            key = key << 8 | SqlWords.upperCase(letters.charAt(i));
        }
        return key;
    }

    private static long[] load() {
        try (InputStream stream = SqlFingerprints.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII));
            return lines.lines().map(String::strip).filter(line -> !line.isEmpty())
                    .mapToLong(SqlFingerprints::key).sorted().distinct().toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
