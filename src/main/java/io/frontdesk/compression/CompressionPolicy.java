package io.frontdesk.compression;

import java.util.List;

/**
 * How one route compresses: whether at all, from which size, which media types, and with which
 * codings at which effort.
 *
 * @param enabled whether the route compresses at all
 * @param minSize responses that declare a smaller Content-Length go out as they came
 * @param types the media types compressed
 * @param codings the codings applied, by the server's preference; a client's preference decides first
 * @param gzipLevel zlib's level, 1 (fastest) to 9 (smallest)
 * @param brotliQuality Brotli's quality, 0 (fastest) to 11 (smallest)
 */
record CompressionPolicy(boolean enabled, long minSize, CompressibleTypes types, List<Coding> codings,
        int gzipLevel, int brotliQuality) {
}
