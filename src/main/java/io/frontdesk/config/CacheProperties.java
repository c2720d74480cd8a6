package io.frontdesk.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The response cache: its stores and the policies that routes name with the {@code Cache=POLICY}
 * filter.
 *
 * @param memorySize the in-process tier's capacity in bytes of bodies and headers
 * @param tagHeader the response header whose values tag a stored response for purging
 * @param coalescingTimeout how long concurrent misses for one key wait for the first one's
 *        response before they go to the backend themselves
 * @param redisKeyPrefix the prefix of every key and channel of the Redis tier, so several
 *        gateways (or other applications) can share one Redis
 * @param policies caching policies by name
 */
public record CacheProperties(
        @DefaultValue("256MB") DataSize memorySize,
        @DefaultValue("Cache-Tag") String tagHeader,
        @DefaultValue("5s") Duration coalescingTimeout,
        @DefaultValue("frontdesk:cache:") String redisKeyPrefix,
        Map<String, PolicyProperties> policies) {

    public CacheProperties {
        policies = policies == null ? Map.of() : Map.copyOf(policies);
    }

    /**
     * @param defaultTtl the freshness of a response that states none, when its path extension or
     *        content type is listed below (static content); 0 turns this off
     * @param defaultTtlExtensions path extensions that get the default TTL
     * @param defaultTtlContentTypes content types (a trailing {@code /*} covers a family) that get the default TTL
     * @param heuristicPercent the share of the time since Last-Modified a response without explicit
     *        freshness stays fresh, where RFC 9111 allows heuristics; 0 turns heuristics off
     * @param heuristicMaxTtl the longest freshness that share may give (as Apache's CacheMaxExpire)
     * @param keyHeaders request headers whose values become part of the cache key
     * @param keyCookies request cookies whose values become part of the cache key
     * @param ignoreQueryParameters query parameters left out of the key; a trailing {@code *} matches a prefix
     * @param maxObjectSize responses larger than this stream through uncached
     * @param staleWhileRevalidate how long a stale response may be served while it is refreshed in
     *        the background, when the response does not say
     * @param staleIfError how long a stale response may be served when the backend fails, when the
     *        response does not say
     * @param storeSetCookie whether responses with Set-Cookie are stored (without the Set-Cookie)
     * @param targetedFields the target list (RFC 9213): response fields whose directives replace
     *        Cache-Control for this cache, the first valid one present winning; they are not
     *        forwarded to clients
     */
    public record PolicyProperties(
            @DefaultValue("0s") Duration defaultTtl,
            @DefaultValue({"css", "js", "mjs", "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "woff",
                "woff2", "ttf", "otf", "mp4", "webm", "pdf"})
            List<String> defaultTtlExtensions,
            @DefaultValue({"text/css", "text/javascript", "application/javascript", "image/*", "font/*"})
            List<String> defaultTtlContentTypes,
            @DefaultValue("10") int heuristicPercent,
            @DefaultValue("1d") Duration heuristicMaxTtl,
            @DefaultValue List<String> keyHeaders,
            @DefaultValue List<String> keyCookies,
            @DefaultValue({"utm_*", "fbclid", "gclid"}) List<String> ignoreQueryParameters,
            @DefaultValue("8MB") DataSize maxObjectSize,
            @DefaultValue("0s") Duration staleWhileRevalidate,
            @DefaultValue("0s") Duration staleIfError,
            @DefaultValue("false") boolean storeSetCookie,
            @DefaultValue({"Frontdesk-Cache-Control", "CDN-Cache-Control"}) List<String> targetedFields) {
    }
}
