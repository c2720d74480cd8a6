package io.frontdesk.edge;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Sends a backend's 103 (Early Hints) on to the client ahead of the final response, with its
 * Link fields only. HTTP/1.0 clients get none (RFC 9110, section 15.2), nor does a response that
 * is already committed or goes to no client (a background refresh).
 */
public final class EarlyHints {

    private EarlyHints() {
    }

    /**
     * Hands a 103 to the client's connection and says whether it did. Safe from any thread: the
     * write runs on the connection's event loop, queued ahead of the final response, which is
     * written only after the backend's has arrived.
     */
    public static boolean forward(ServerWebExchange exchange, List<String> links) {
        ServerHttpResponse response = exchange.getResponse();
        if (links.isEmpty() || response.isCommitted()
                || !(ServerHttpResponseDecorator.getNativeResponse(response) instanceof HttpServerResponse client)
                || HttpVersion.HTTP_1_0.equals(client.version())) {
            return false;
        }
        client.withConnection(connection -> write(connection.channel(), links));
        return true;
    }

    /**
     * Writes below Reactor Netty's traffic handler, which would take a 103 for the end of the
     * exchange: over HTTP/1.1 it would count the response as sent, and over HTTP/2 stop the
     * stream's data. The codec under it writes the head, or a HEADERS frame on the stream.
     */
    private static void write(Channel channel, List<String> links) {
        ChannelHandlerContext traffic = channel.pipeline().context(NettyPipeline.HttpTrafficHandler);
        if (traffic == null) {
            return; // the client's connection has closed
        }
        FullHttpResponse hints = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.EARLY_HINTS);
        hints.headers().add(HttpHeaders.LINK, links);
        traffic.writeAndFlush(hints);
    }
}
