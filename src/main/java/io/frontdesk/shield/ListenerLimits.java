package io.frontdesk.shield;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import io.frontdesk.config.ShieldProperties;
import io.netty.handler.codec.http2.Http2CodecUtil;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.ProxyProtocolSupportType;

/**
 * What Reactor Netty does on the listener itself: the request line and header size (its HTTP/1.1
 * decoder answers 414 and 431; over HTTP/2 the head is read whole, up to
 * {@link #HTTP2_HEAD_ALLOWANCE} times both bounds, and {@link Http2HeadSizeFilter} answers on the
 * request's stream), PROXY protocol (the client address an L4 load balancer passes on), and a
 * lingering close on every connection. These override Spring Boot's {@code server.netty.*}
 * equivalents: this customizer runs after Spring Boot's, whose decoder settings would otherwise
 * replace the whole decoder spec; the settings of Boot's that Frontdesk does not set are carried
 * over. The keep-alive idle time and the head's are {@link RequestWait}'s, the pause allowed while
 * a body is read {@link RequestBodyTimeout}'s.
 */
public final class ListenerLimits implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

    /**
     * How many times the line and header bounds together an HTTP/2 head may take and still be
     * read. Netty's codec refuses a head over the advertised SETTINGS_MAX_HEADER_LIST_SIZE with
     * 431 and a reset of its stream, and ends the connection with GOAWAY once the compressed
     * block passes 1.25 times it (an HPACK block cannot be skipped: its table updates bind every
     * later head). Advertising the bounds themselves would end the connection of a request not
     * far over them; this much room leaves it to the filter's 414 or 431 on its own stream, while
     * the block the codec buffers stays bounded.
     */
    private static final int HTTP2_HEAD_ALLOWANCE = 4;

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
                .http2Settings(spec -> spec.maxHeaderListSize(http2HeaderListSize()))
                .proxyProtocol(proxyProtocol(connections.proxyProtocol()))
                .doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                        .addFirst(LingeringClose.NAME, new LingeringClose()));
    }

    private long http2HeaderListSize() {
        long bounds = request.maxLineLength().toBytes() + request.maxHeaderSize().toBytes();
        return Math.min(HTTP2_HEAD_ALLOWANCE * bounds, Http2CodecUtil.MAX_HEADER_LIST_SIZE);
    }

    private static ProxyProtocolSupportType proxyProtocol(ShieldProperties.ProxyProtocol setting) {
        return switch (setting) {
            case OFF -> ProxyProtocolSupportType.OFF;
            case ON -> ProxyProtocolSupportType.ON;
            case OPTIONAL -> ProxyProtocolSupportType.AUTO;
        };
    }
}
