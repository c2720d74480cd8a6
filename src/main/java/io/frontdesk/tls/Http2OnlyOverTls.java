package io.frontdesk.tls;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * HTTP/2 only where ALPN negotiates it: on TLS listeners. Without TLS, {@code server.http2}
 * would also accept HTTP/1.1 upgrades to cleartext h2c, which Reactor Netty refuses with 413
 * when the upgrading request has a body, breaking POSTs of clients that try h2c first.
 */
public final class Http2OnlyOverTls implements NettyServerCustomizer {

    @Override
    public HttpServer apply(HttpServer server) {
        return server.configuration().sslProvider() != null ? server
                : server.protocol(HttpProtocol.HTTP11);
    }
}
