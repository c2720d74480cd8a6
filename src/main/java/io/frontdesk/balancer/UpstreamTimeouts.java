package io.frontdesk.balancer;

import java.time.Duration;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.UpstreamProperties;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * Sets the default connect and read timeouts once, on the client that proxies to backends.
 * Set there, they cost nothing per request: the read timeout is a Netty handler on the
 * connection's own event loop, where a per-request timer (the framework's global
 * response-timeout) would schedule and cancel a task on a shared scheduler for every request.
 */
public final class UpstreamTimeouts implements HttpClientCustomizer {

    private final int connectMillis;
    private final Duration read;

    public UpstreamTimeouts(UpstreamProperties upstream) {
        this.connectMillis = (int) positive("frontdesk.upstream.connect-timeout", upstream.connectTimeout()).toMillis();
        this.read = positive("frontdesk.upstream.read-timeout", upstream.readTimeout());
    }

    @Override
    public HttpClient customize(HttpClient client) {
        return client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis).responseTimeout(read);
    }

    private static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(key, "must be longer than zero, was " + value);
        }
        if (value.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidConfigurationException(key, "must be shorter than " + Integer.MAX_VALUE + " ms");
        }
        return value;
    }
}
