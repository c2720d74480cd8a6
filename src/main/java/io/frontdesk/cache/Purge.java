package io.frontdesk.cache;

import java.util.Locale;

/**
 * What to remove from the cache: every key of a URL, every key under a URL prefix, every
 * response carrying a tag, or everything. URLs are in key form ({@code host[:port]/path?query}).
 */
record Purge(Kind kind, String value) {

    enum Kind {
        URL, PREFIX, TAG, ALL
    }

    static Purge url(String url) {
        return new Purge(Kind.URL, url);
    }

    static Purge prefix(String prefix) {
        return new Purge(Kind.PREFIX, prefix);
    }

    static Purge tag(String tag) {
        return new Purge(Kind.TAG, tag);
    }

    static Purge all() {
        return new Purge(Kind.ALL, "");
    }

    /** The index tag every entry of a URL carries, so a URL is purged without a scan. */
    static String urlTag(String url) {
        return "u:" + url;
    }

    /** The index tag of a tag from the response's tag header. */
    static String responseTag(String tag) {
        return "t:" + tag;
    }

    /** Removes what this purge names from a memory tier; how many entries went. */
    long applyTo(MemoryTier memory) {
        return switch (kind) {
            case URL -> memory.removeTagged(urlTag(value));
            case PREFIX -> memory.removeIf(key -> key.startsWith(value));
            case TAG -> memory.removeTagged(responseTag(value));
            case ALL -> memory.removeAll();
        };
    }

    /** One line, for other replicas: kind, then value. */
    String encode() {
        return kind.name().toLowerCase(Locale.ROOT) + ' ' + value;
    }

    static Purge decode(String line) {
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("not a purge: " + line);
        }
        return new Purge(Kind.valueOf(line.substring(0, space).toUpperCase(Locale.ROOT)), line.substring(space + 1));
    }
}
