package io.frontdesk.balancer;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.tls.PoolTlsClients;
import io.frontdesk.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.HttpClient;

/** Wires the balancer: pools, their load balancers, health checks, slow backend ejection, retries and metrics. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = PoolLoadBalancerConfiguration.class)
public class BalancerConfiguration {

    @Bean
    BackendPools backendPools(FrontdeskProperties properties, GatewayProperties gateway) {
        BackendPools pools = BackendPools.from(properties.pools());
        PoolRoutesValidator.validate(gateway.getRoutes(), pools);
        return pools;
    }

    @Bean
    UpstreamTimeouts upstreamTimeouts(FrontdeskProperties properties) {
        return new UpstreamTimeouts(properties.upstream());
    }

    @Bean
    InterimResponses interimResponses(MeterRegistry registry) {
        return new InterimResponses(registry);
    }

    @Bean
    ProtocolErrors protocolErrors(MeterRegistry registry) {
        return new ProtocolErrors(registry);
    }

    @Bean
    UpstreamFraming upstreamFraming(ProtocolErrors errors, UpstreamTimeouts timeouts) {
        return new UpstreamFraming(errors, timeouts.read());
    }

    @Bean
    PoolTlsClients poolTlsClients(FrontdeskProperties properties, SslBundles bundles, HttpClient httpClient) {
        return PoolTlsClients.from(properties.pools(), bundles, httpClient);
    }

    /** The framework's factory of the backend client, with a connection pool per event loop. */
    @Bean
    HttpClientFactory gatewayHttpClientFactory(HttpClientProperties properties, ServerProperties server,
            HttpClientSslConfigurer ssl, List<HttpClientCustomizer> customizers) {
        return new BackendClientFactory(properties, server, ssl, customizers);
    }

    /** Takes the place of the framework's routing filter, turned off in application.yml. */
    @Bean
    BackendRoutingFilter backendRoutingFilter(HttpClient httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties properties,
            PoolTlsClients poolTls, Tracing tracing) {
        return new BackendRoutingFilter(httpClient, headersFilters, properties, poolTls, tracing);
    }

    /** Takes the place of the framework's response writer, which is turned off with its routing filter. */
    @Bean
    BackendResponseWriter backendResponseWriter(GatewayProperties gateway,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
        return new BackendResponseWriter(gateway.getStreamingMediaTypes(), headersFilters);
    }

    @Bean
    HealthChecker healthChecker(BackendPools pools, PoolTlsClients poolTls, UpstreamFraming framing,
            Tracing tracing) {
        return new HealthChecker(pools, poolTls, framing, tracing);
    }

    @Bean
    SlowBackendDetector slowBackendDetector(BackendPools pools) {
        return new SlowBackendDetector(pools);
    }

    @Bean
    BackendCallFilter backendCallFilter(BackendPools pools, LoadBalancerClientFactory clientFactory) {
        return new BackendCallFilter(pools, clientFactory);
    }

    @Bean
    PoolRequestUrlFilter poolRequestUrlFilter() {
        return new PoolRequestUrlFilter();
    }

    @Bean
    LeaverConnections leaverConnections(BackendPools pools, HttpClient httpClient) {
        LeaverConnections leavers = new LeaverConnections(httpClient.configuration().connectionProvider());
        pools.all().forEach(pool -> pool.watchMembers(leavers));
        return leavers;
    }

    @Bean
    BalancerMetrics balancerMetrics(BackendPools pools) {
        return new BalancerMetrics(pools);
    }
}
