package io.frontdesk.compression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * A request's Accept-Encoding (RFC 9110 section 12.5.3) read for the codings Frontdesk applies:
 * quality values, {@code q=0} refusals, {@code *} for every coding not named, {@code x-gzip} as
 * {@code gzip}. A request without the field accepts no coding here, as browsers that want one
 * always send it. Whether identity is refused does not matter: a response Frontdesk does not
 * compress goes out as it came.
 */
public final class AcceptEncoding {

    private static final int NOT_NAMED = -1;
    private static final int INVALID = -2;

    private AcceptEncoding() {
    }

    /** The codings the request accepts, the one it prefers first; equal preferences in {@link Coding}'s order. */
    public static List<Coding> preferred(List<String> fieldValues) {
        if (fieldValues == null || fieldValues.isEmpty()) {
            return List.of();
        }
        int[] named = new int[Coding.values().length];
        Arrays.fill(named, NOT_NAMED);
        int any = NOT_NAMED;
        for (String value : fieldValues) {
            for (String element : value.split(",")) {
                int semicolon = element.indexOf(';');
                String name = (semicolon < 0 ? element : element.substring(0, semicolon)).trim();
                if (name.isEmpty()) {
                    continue;
                }
                int quality = semicolon < 0 ? 1000 : quality(element.substring(semicolon + 1));
                if (quality == INVALID) {
                    continue;
                }
                if (name.equals("*")) {
                    any = Math.max(any, quality);
                } else {
                    Coding coding = coding(name);
                    if (coding != null) {
                        named[coding.ordinal()] = Math.max(named[coding.ordinal()], quality);
                    }
                }
            }
        }
        int[] qualities = new int[named.length];
        List<Coding> accepted = new ArrayList<>(named.length);
        for (Coding coding : Coding.values()) {
            qualities[coding.ordinal()] = named[coding.ordinal()] == NOT_NAMED ? any : named[coding.ordinal()];
            if (qualities[coding.ordinal()] > 0) {
                accepted.add(coding);
            }
        }
        accepted.sort(Comparator.comparingInt((Coding coding) -> -qualities[coding.ordinal()]));
        return accepted;
    }

    /**
     * The request's preference as a cache variant key: the accepted codings, preferred first,
     * joined by commas ({@code br,gzip}, {@code gzip}, or empty), and {@code +no-transform} after
     * them when the request forbids transformation (it gets no coding from Frontdesk, and must
     * not be given a stored one). Every request with the same key gets the same coding from
     * Frontdesk whichever codings a route applies, and the many ways browsers write the field
     * make a handful of keys.
     */
    public static String variantKey(HttpHeaders request) {
        String key = key(request.get(HttpHeaders.ACCEPT_ENCODING));
        return NoTransform.in(request.get(HttpHeaders.CACHE_CONTROL)) ? key + "+no-transform" : key;
    }

    /** The accepted codings, preferred first, joined by commas. */
    static String key(List<String> fieldValues) {
        List<Coding> preferred = preferred(fieldValues);
        if (preferred.isEmpty()) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (Coding coding : preferred) {
            key.append(key.isEmpty() ? "" : ",").append(coding.token());
        }
        return key.toString();
    }

    /** The first of the accepted codings that is also offered, or {@code null}. */
    static Coding choose(List<String> fieldValues, List<Coding> offered) {
        for (Coding coding : preferred(fieldValues)) {
            if (offered.contains(coding)) {
                return coding;
            }
        }
        return null;
    }

    private static Coding coding(String name) {
        if (name.equalsIgnoreCase("gzip") || name.equalsIgnoreCase("x-gzip")) {
            return Coding.GZIP;
        }
        return name.equalsIgnoreCase("br") ? Coding.BR : null;
    }

    /** The q parameter in thousandths (1000 when absent), or {@link #INVALID}. */
    private static int quality(String parameters) {
        int quality = 1000;
        for (String parameter : parameters.split(";")) {
            String trimmed = parameter.trim();
            int equals = trimmed.indexOf('=');
            if (equals < 0 || !trimmed.substring(0, equals).trim().equalsIgnoreCase("q")) {
                continue;
            }
            quality = qvalue(trimmed.substring(equals + 1).trim());
        }
        return quality;
    }

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}. */
    private static int qvalue(String text) {
        int length = text.length();
        if (length == 0 || length > 5 || (text.charAt(0) != '0' && text.charAt(0) != '1')
                || length > 1 && text.charAt(1) != '.') {
            return INVALID;
        }
        int thousandths = 0;
        for (int i = 2; i < 5; i++) {
            thousandths *= 10;
            if (i < length) {
                char digit = text.charAt(i);
                if (digit < '0' || digit > '9') {
                    return INVALID;
                }
                thousandths += digit - '0';
            }
        }
        if (text.charAt(0) == '1') {
            return thousandths == 0 ? 1000 : INVALID;
        }
        return thousandths;
    }
}
