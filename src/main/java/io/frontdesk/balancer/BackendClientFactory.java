package io.frontdesk.balancer;

import java.util.List;

import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;

import reactor.netty.resources.ConnectionProvider;

/**
 * The framework's factory of the client that proxies to backends, with its connections pooled per
 * event loop ({@link LoopAffinePools}) when the pool is elastic, as by default: it has no limit a
 * pool per loop would multiply. A fixed pool stays one, so that its {@code max-connections} holds
 * exactly. Every other setting is as the framework makes it.
 */
final class BackendClientFactory extends HttpClientFactory {

    BackendClientFactory(HttpClientProperties properties, ServerProperties server, HttpClientSslConfigurer ssl,
            List<HttpClientCustomizer> customizers) {
        super(properties, server, ssl, customizers);
    }

    @Override
    protected ConnectionProvider buildConnectionProvider(HttpClientProperties properties) {
        if (properties.getPool().getType() != HttpClientProperties.Pool.PoolType.ELASTIC) {
            return super.buildConnectionProvider(properties);
        }
        return new LoopAffinePools(() -> super.buildConnectionProvider(properties));
    }
}
