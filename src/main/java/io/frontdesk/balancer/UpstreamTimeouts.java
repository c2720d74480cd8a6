package io.frontdesk.balancer;

import java.time.Duration;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;

import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.UpstreamProperties;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

/**
 * The default connect and read timeouts of the client that proxies to backends. The connect
 * timeout is set on the client once; the read timeout is kept per connection by its framing guard
 * ({@link UpstreamFraming}), where it costs no task per request.
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
        return client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis);
    }

    /** The longest a backend may stay silent while a request waits for its response. */
    Duration read() {
        return read;
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
