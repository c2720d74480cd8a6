package io.frontdesk.compression;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.frontdesk.config.InvalidConfigurationException;

/**
 * The media types a route compresses, written {@code text/html}, {@code text/*} (a whole type) or
 * {@code application/*+json} (a structured syntax suffix, RFC 6838 section 4.2.8). Parameters of
 * a response's Content-Type ({@code charset}) do not matter.
 */
final class CompressibleTypes {

    private final Set<String> exact = new HashSet<>();
    private final List<String> typePrefixes = new ArrayList<>();
    private final List<String[]> suffixed = new ArrayList<>();

    private CompressibleTypes() {
    }

    /** A pattern that is not {@code type/subtype}, {@code type/*} or {@code type/*+suffix} fails start-up naming {@code key}. */
    static CompressibleTypes of(String key, List<String> patterns) {
        CompressibleTypes types = new CompressibleTypes();
        for (String written : patterns) {
            String pattern = written.trim().toLowerCase(Locale.ROOT);
            int slash = pattern.indexOf('/');
            String type = slash < 0 ? "" : pattern.substring(0, slash);
            String subtype = slash < 0 ? "" : pattern.substring(slash + 1);
            if (!token(type) || type.equals("*") || subtype.isEmpty()) {
                throw invalid(key, written);
            }
            if (subtype.equals("*")) {
                types.typePrefixes.add(type + "/");
            } else if (subtype.startsWith("*+") && token(subtype.substring(2))) {
                types.suffixed.add(new String[] {type + "/", subtype.substring(1)});
            } else if (token(subtype) && !subtype.contains("*")) {
                types.exact.add(pattern);
            } else {
                throw invalid(key, written);
            }
        }
        return types;
    }

    private static InvalidConfigurationException invalid(String key, String written) {
        return new InvalidConfigurationException(key, "media types are written type/subtype, type/* or"
                + " type/*+suffix (text/html, text/*, application/*+json), not '" + written + "'");
    }

    private static boolean token(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a response with this Content-Type (may be {@code null}) is compressed. */
    boolean matches(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        if (exact.contains(type)) {
            return true;
        }
        for (String prefix : typePrefixes) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        for (String[] typeAndSuffix : suffixed) {
            if (type.startsWith(typeAndSuffix[0]) && type.endsWith(typeAndSuffix[1])) {
                return true;
            }
        }
        return false;
    }
}
