package io.frontdesk.tls;

import io.netty.handler.ssl.OpenSsl;

/**
 * The TLS implementation in use: BoringSSL through netty-tcnative when its native library loads
 * on this platform (Reactor Netty then prefers it), the JDK's own engine otherwise.
 */
final class TlsEngine {

    private TlsEngine() {
    }

    static String name() {
        if (!OpenSsl.isAvailable()) {
            return "jdk";
        }
        String version = OpenSsl.versionString();
        return version != null && version.contains("BoringSSL") ? "boringssl" : "openssl";
    }
}
