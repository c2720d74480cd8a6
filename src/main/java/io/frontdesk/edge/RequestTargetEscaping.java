package io.frontdesk.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Request-targets with bytes a URI may not hold ({@code "<>\^`{|}[]#}, controls, bytes above
 * 0x7F, a {@code %} without two hex digits) are what attacks send and what nginx passes on; the
 * framework would refuse them with 400 before any filter ran. They are percent-encoded as they
 * arrive, so routes and backends see a well-formed equivalent, and the target as sent is kept on
 * the connection for those that must judge it (the WAF's REQUEST_URI_RAW and audit log).
 */
public final class RequestTargetEscaping implements NettyServerCustomizer {

    private static final AttributeKey<String> SENT = AttributeKey.valueOf("frontdesk.sentRequestTarget");
    private static final String NAME = "frontdesk.requestTargetEscaping";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * An HTTP/1.1 connection gets one escaper, behind the framework's handler so that it sees a
     * pipelined request only when that is taken on; each HTTP/2 stream, a channel of its own, gets
     * one as it opens.
     */
    @Override
    public HttpServer apply(HttpServer server) {
        return server
                .doOnChannelInit((observer, channel, address) ->
                        Http1Handlers.installAfterTrafficHandler(channel, NAME, Escaper::new))
                .doOnConnection(connection -> {
                    if (connection.channel() instanceof Http2StreamChannel) {
                        connection.addHandlerFirst(NAME, new Escaper());
                    }
                });
    }

    /** The request-target as the client sent it (HTTP/1), or as the framework has it. */
    public static String sentTarget(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        if (!(nativeRequest instanceof HttpServerRequest netty)) {
            String query = request.getURI().getRawQuery();
            return request.getURI().getRawPath() + (query == null ? "" : "?" + query);
        }
        String[] sent = {null};
        netty.withConnection(connection -> sent[0] = connection.channel().attr(SENT).get());
        return sent[0] != null ? sent[0] : netty.uri();
    }

    static String escaped(String target) {
        StringBuilder out = null;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean legal = c > 0x20 && c < 0x7F && "\"<>\\^`{|}[]#".indexOf(c) < 0
                    && (c != '%' || (i + 2 < target.length() && isHex(target.charAt(i + 1))
                            && isHex(target.charAt(i + 2))));
            if (legal) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(target.length() + 16).append(target, 0, i);
            }
            out.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
        }
        return out == null ? target : out.toString();
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Rewrites each request head's target as the framework takes the request on, one request at a time. */
    private static final class Escaper extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                String sent = request.uri();
                String escaped = escaped(sent);
                context.channel().attr(SENT).set(escaped.equals(sent) ? null : sent);
                if (!escaped.equals(sent)) {
                    request.setUri(escaped);
                }
            }
            context.fireChannelRead(message);
        }
    }
}
