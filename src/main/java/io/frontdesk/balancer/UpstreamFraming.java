package io.frontdesk.balancer;

import java.time.Duration;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

/**
 * Guards the framing of responses on every HTTP/1.1 connection of a client to backends (see
 * {@link ResponseFraming}), and times the backend's silence there while a request waits for its
 * response. The guard goes on when the connection is ready, after TLS and protocol negotiation
 * have put the HTTP codec in place, and stays for the connection's life in the pool. An HTTP/2
 * stream frames itself, and its response is timed per request.
 */
public final class UpstreamFraming implements HttpClientCustomizer {

    private final ProtocolErrors errors;
    private final Duration readTimeout;

    public UpstreamFraming(ProtocolErrors errors, Duration readTimeout) {
        this.errors = errors;
        this.readTimeout = readTimeout;
    }

    /** The guard with the read timeout, for the client that proxies to backends. */
    @Override
    public HttpClient customize(HttpClient client) {
        long silenceNanos = readTimeout.toNanos();
        return client.doOnConnected(connection -> guard(connection, silenceNanos))
                .doOnRequest((request, connection) -> {
                    if (connection.channel() instanceof Http2StreamChannel) {
                        request.responseTimeout(readTimeout);
                    }
                });
    }

    /** The guard alone, for a client that times its responses itself. */
    HttpClient untimed(HttpClient client) {
        return client.doOnConnected(connection -> guard(connection, 0));
    }

    /** Called on every acquisition of a pooled connection; the guard goes on at the first. */
    private void guard(Connection connection, long silenceNanos) {
        ChannelPipeline pipeline = connection.channel().pipeline();
        if (pipeline.get(ResponseFraming.MESSAGES) != null) {
            return;
        }
        ChannelHandlerContext codec = pipeline.context(HttpClientCodec.class);
        if (codec == null) {
            // HTTP/2 frames each stream itself.
            return;
        }
        ResponseFraming framing = new ResponseFraming(errors, silenceNanos);
        pipeline.addBefore(codec.name(), ResponseFraming.BYTES, framing.bytes());
        pipeline.addAfter(codec.name(), ResponseFraming.MESSAGES, framing.messages());
    }
}
