package io.frontdesk.compression;

import io.frontdesk.config.Choices;

/**
 * The content codings Frontdesk applies to responses, in the order it prefers them when a client
 * accepts several equally.
 */
public enum Coding {

    /** Brotli (RFC 7932): smaller than gzip on text at a like cost, when its native library loads. */
    BR,

    /** gzip (RFC 1952), from the JDK's zlib. */
    GZIP;

    /** The coding's name in Accept-Encoding and Content-Encoding. */
    public String token() {
        return Choices.written(this);
    }
}
