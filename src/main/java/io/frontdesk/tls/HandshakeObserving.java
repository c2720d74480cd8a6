package io.frontdesk.tls;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** Puts the {@link HandshakeObserver} right behind the TLS handler of every TLS listener's connections. */
public final class HandshakeObserving implements NettyServerCustomizer {

    private final HandshakeObserver observer;

    public HandshakeObserving(MeterRegistry registry) {
        this.observer = new HandshakeObserver(registry);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        if (server.configuration().sslProvider() == null) {
            return server;
        }
        return server.doOnChannelInit((connectionObserver, channel, remoteAddress) -> {
            // The TLS handler may still be an SNI handler that turns into one after the ClientHello.
            if (channel.pipeline().get(NettyPipeline.SslHandler) != null) {
                channel.pipeline().addAfter(NettyPipeline.SslHandler, "frontdesk.handshakeObserver", observer);
            }
        });
    }
}
