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
 * event loop ({@link LoopAffinePools}); every other setting as the framework makes it.
 */
final class BackendClientFactory extends HttpClientFactory {

    BackendClientFactory(HttpClientProperties properties, ServerProperties server, HttpClientSslConfigurer ssl,
            List<HttpClientCustomizer> customizers) {
        super(properties, server, ssl, customizers);
    }

    @Override
    protected ConnectionProvider buildConnectionProvider(HttpClientProperties properties) {
        return new LoopAffinePools(() -> super.buildConnectionProvider(properties));
    }
}
