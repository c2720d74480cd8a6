package io.frontdesk.balancer;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

/**
 * Guards the framing of responses on every HTTP/1.1 connection of a client to backends (see
 * {@link ResponseFraming}). The guard goes on when the connection is ready, after TLS and protocol
 * negotiation have put the HTTP codec in place, and stays for the connection's life in the pool.
 */
public final class UpstreamFraming implements HttpClientCustomizer {

    private final ProtocolErrors errors;

    public UpstreamFraming(ProtocolErrors errors) {
        this.errors = errors;
    }

    @Override
    public HttpClient customize(HttpClient client) {
        return client.doOnConnected(this::guard);
    }

    /** Called on every acquisition of a pooled connection; the guard goes on at the first. */
    private void guard(Connection connection) {
        ChannelPipeline pipeline = connection.channel().pipeline();
        if (pipeline.get(ResponseFraming.MESSAGES) != null) {
            return;
        }
        ChannelHandlerContext codec = pipeline.context(HttpClientCodec.class);
        if (codec == null) {
            // HTTP/2 frames each stream itself.
            return;
        }
        ResponseFraming framing = new ResponseFraming(errors);
        pipeline.addBefore(codec.name(), ResponseFraming.BYTES, framing.bytes());
        pipeline.addAfter(codec.name(), ResponseFraming.MESSAGES, framing.messages());
    }
}
