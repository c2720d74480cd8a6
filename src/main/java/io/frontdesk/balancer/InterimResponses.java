package io.frontdesk.balancer;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;

/**
 * Gives every connection of the client that proxies to backends an {@link InterimResponseHandler},
 * once, when the connection is set up: it stays for every request the pooled connection carries.
 */
public final class InterimResponses implements HttpClientCustomizer {

    private static final String HANDLER = "frontdesk.interimResponses";

    private final InterimResponseMetrics metrics;

    public InterimResponses(MeterRegistry registry) {
        this.metrics = new InterimResponseMetrics(registry);
    }

    @Override
    public HttpClient customize(HttpClient client) {
        return client.doOnChannelInit((observer, channel, address) -> channel.pipeline()
                .addBefore(NettyPipeline.ReactiveBridge, HANDLER, new InterimResponseHandler(metrics)));
    }
}
