package io.frontdesk.config;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.frontdesk.compression.Coding;

/**
 * Compression at the edge: responses a backend sends uncompressed are compressed for clients
 * that accept it, on every route unless a route says otherwise.
 *
 * @param enabled whether routes compress
 * @param codings the codings applied, by the server's preference (a client's preference decides first)
 * @param minSize responses that declare a smaller Content-Length go out as they came
 * @param types the media types compressed: {@code type/subtype}, {@code type/*} or {@code type/*+suffix}
 * @param gzipLevel zlib's level, 1 (fastest) to 9 (smallest)
 * @param brotliQuality Brotli's quality, 0 (fastest) to 11 (smallest)
 * @param routes per-route settings, by route id, over the ones above
 */
public record CompressionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"br", "gzip"}) List<Coding> codings,
        @DefaultValue("512B") DataSize minSize,
        @DefaultValue({"text/*", "application/json", "application/*+json", "application/javascript",
            "application/xml", "application/*+xml", "image/svg+xml"})
        List<String> types,
        @DefaultValue("6") int gzipLevel,
        @DefaultValue("4") int brotliQuality,
        Map<String, RouteProperties> routes) {

    public CompressionProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    /**
     * A route's own settings; each one left out is the global one.
     *
     * @param enabled whether the route compresses
     * @param minSize the route's minimum size
     * @param types the route's media types
     */
    public record RouteProperties(Boolean enabled, DataSize minSize, List<String> types) {
    }
}
