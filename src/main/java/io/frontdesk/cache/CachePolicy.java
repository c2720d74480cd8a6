package io.frontdesk.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.frontdesk.config.CacheProperties.PolicyProperties;
import io.frontdesk.config.InvalidConfigurationException;

/** One named caching policy, validated: what a route that names it adds to RFC 9111. */
final class CachePolicy {

    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final String name;
    private final long defaultTtlMillis;
    private final Set<String> defaultTtlExtensions = new HashSet<>();
    private final Set<String> defaultTtlContentTypes = new HashSet<>();
    private final List<String> defaultTtlContentTypeFamilies = new ArrayList<>();
    private final int heuristicPercent;
    private final long heuristicMaxTtlMillis;
    private final List<String> keyHeaders;
    private final List<String> keyCookies;
    private final Set<String> ignoredParameters = new HashSet<>();
    private final List<String> ignoredParameterPrefixes = new ArrayList<>();
    private final long maxObjectSize;
    private final long staleWhileRevalidateMillis;
    private final long staleIfErrorMillis;
    private final boolean storeSetCookie;
    private final List<String> targetedFields;

    private CachePolicy(String name, PolicyProperties properties) {
        String prefix = "frontdesk.cache.policies." + name;
        this.name = name;
        this.defaultTtlMillis = notNegative(prefix + ".default-ttl", properties.defaultTtl().toMillis());
        for (String extension : properties.defaultTtlExtensions()) {
            defaultTtlExtensions.add(extension.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""));
        }
        for (String type : properties.defaultTtlContentTypes()) {
            String normalized = type.trim().toLowerCase(Locale.ROOT);
            if (normalized.endsWith("/*")) {
                defaultTtlContentTypeFamilies.add(normalized.substring(0, normalized.length() - 1));
            } else {
                defaultTtlContentTypes.add(normalized);
            }
        }
        if (properties.heuristicPercent() < 0 || properties.heuristicPercent() > 100) {
            throw new InvalidConfigurationException(prefix + ".heuristic-percent",
                    "must be a percentage from 0 to 100, was " + properties.heuristicPercent());
        }
        this.heuristicPercent = properties.heuristicPercent();
        this.heuristicMaxTtlMillis = properties.heuristicMaxTtl().toMillis();
        if (heuristicMaxTtlMillis <= 0) {
            throw new InvalidConfigurationException(prefix + ".heuristic-max-ttl", "must be more than 0s (set "
                    + prefix + ".heuristic-percent to 0 to turn heuristics off), was " + properties.heuristicMaxTtl());
        }
        this.keyHeaders = properties.keyHeaders().stream().map(String::trim).toList();
        this.keyCookies = properties.keyCookies().stream().map(String::trim).toList();
        for (String parameter : properties.ignoreQueryParameters()) {
            String trimmed = parameter.trim();
            if (trimmed.endsWith("*")) {
                ignoredParameterPrefixes.add(trimmed.substring(0, trimmed.length() - 1));
            } else {
                ignoredParameters.add(trimmed);
            }
        }
        this.maxObjectSize = properties.maxObjectSize().toBytes();
        if (maxObjectSize <= 0 || maxObjectSize > Integer.MAX_VALUE - 8) {
            throw new InvalidConfigurationException(prefix + ".max-object-size",
                    "must be more than 0 bytes and less than 2GB, was " + properties.maxObjectSize());
        }
        this.staleWhileRevalidateMillis = notNegative(prefix + ".stale-while-revalidate",
                properties.staleWhileRevalidate().toMillis());
        this.staleIfErrorMillis = notNegative(prefix + ".stale-if-error", properties.staleIfError().toMillis());
        this.storeSetCookie = properties.storeSetCookie();
        this.targetedFields = targetedFields(prefix + ".targeted-fields", properties.targetedFields());
    }

    private static List<String> targetedFields(String key, List<String> names) {
        List<String> fields = names.stream().map(String::trim).toList();
        for (String field : fields) {
            if (!FIELD_NAME.matcher(field).matches()) {
                throw new InvalidConfigurationException(key, "'" + field + "' is not a header field name");
            }
            if (field.equalsIgnoreCase("Cache-Control")) {
                throw new InvalidConfigurationException(key, "lists fields that replace Cache-Control, not"
                        + " Cache-Control itself");
            }
        }
        return fields;
    }

    static CachePolicy from(String name, PolicyProperties properties) {
        return new CachePolicy(name, properties);
    }

    private static long notNegative(String key, long millis) {
        if (millis < 0) {
            throw new InvalidConfigurationException(key, "must not be negative");
        }
        return millis;
    }

    String name() {
        return name;
    }

    /** The default TTL for a response that states no freshness, or 0 when this one does not get it. */
    long defaultTtlMillis(String path, String contentType) {
        if (defaultTtlMillis == 0) {
            return 0;
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot > slash && defaultTtlExtensions.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return defaultTtlMillis;
        }
        if (contentType != null) {
            int semicolon = contentType.indexOf(';');
            String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                    .toLowerCase(Locale.ROOT);
            if (defaultTtlContentTypes.contains(type)
                    || defaultTtlContentTypeFamilies.stream().anyMatch(type::startsWith)) {
                return defaultTtlMillis;
            }
        }
        return 0;
    }

    int heuristicPercent() {
        return heuristicPercent;
    }

    long heuristicMaxTtlMillis() {
        return heuristicMaxTtlMillis;
    }

    List<String> keyHeaders() {
        return keyHeaders;
    }

    List<String> keyCookies() {
        return keyCookies;
    }

    boolean ignoresParameter(String parameter) {
        return ignoredParameters.contains(parameter)
                || ignoredParameterPrefixes.stream().anyMatch(parameter::startsWith);
    }

    long maxObjectSize() {
        return maxObjectSize;
    }

    long staleWhileRevalidateMillis() {
        return staleWhileRevalidateMillis;
    }

    long staleIfErrorMillis() {
        return staleIfErrorMillis;
    }

    boolean storeSetCookie() {
        return storeSetCookie;
    }

    /** The target list (RFC 9213 section 2.1), in order of preference. */
    List<String> targetedFields() {
        return targetedFields;
    }
}
