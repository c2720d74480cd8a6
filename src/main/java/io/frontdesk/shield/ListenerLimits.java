package io.frontdesk.shield;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.frontdesk.config.ShieldProperties;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.ProxyProtocolSupportType;

/**
 * What Reactor Netty does on the listener itself: the request line and header size (its decoder
 * answers 414 and 431), the keep-alive idle time, the longest pause while a request body is
 * read, PROXY protocol (the client address an L4 load balancer passes on), and a lingering close
 * on every connection. These override Spring Boot's {@code server.netty.*} equivalents: this customizer
 * runs after Spring Boot's, whose decoder settings would otherwise replace the whole decoder
 * spec; the settings of Boot's that Frontdesk does not set are carried over.
 */
public final class ListenerLimits implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

    private final ShieldProperties.RequestProperties request;
    private final ShieldProperties.ConnectionProperties connections;

    public ListenerLimits(ShieldProperties settings) {
        this.request = settings.request();
        this.connections = settings.connections();
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        factory.addServerCustomizers(this::apply);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private HttpServer apply(HttpServer server) {
        HttpRequestDecoderSpec current = server.configuration().decoder();
        return server
                .httpRequestDecoder(spec -> spec.maxInitialLineLength((int) request.maxLineLength().toBytes())
                        .maxHeaderSize((int) request.maxHeaderSize().toBytes())
                        .validateHeaders(current.validateHeaders())
                        .initialBufferSize(current.initialBufferSize())
                        .h2cMaxContentLength(current.h2cMaxContentLength())
                        .allowDuplicateContentLengths(current.allowDuplicateContentLengths()))
                .idleTimeout(connections.idleTimeout())
                .readTimeout(request.bodyTimeout())
                .proxyProtocol(proxyProtocol(connections.proxyProtocol()))
                .doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                        .addFirst(LingeringClose.NAME, new LingeringClose()));
    }

    private static ProxyProtocolSupportType proxyProtocol(ShieldProperties.ProxyProtocol setting) {
        return switch (setting) {
            case OFF -> ProxyProtocolSupportType.OFF;
            case ON -> ProxyProtocolSupportType.ON;
            case OPTIONAL -> ProxyProtocolSupportType.AUTO;
        };
    }
}
