package io.frontdesk.balancer;

import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.config.FrontdeskProperties;

/** Wires the balancer: pools, their load balancers, health checks, retries and metrics. */
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
    HealthChecker healthChecker(BackendPools pools) {
        return new HealthChecker(pools);
    }

    @Bean
    BackendCallFilter backendCallFilter(BackendPools pools, LoadBalancerClientFactory clientFactory) {
        return new BackendCallFilter(pools, clientFactory);
    }

    @Bean
    BackendReleaseFilter backendReleaseFilter() {
        return new BackendReleaseFilter();
    }

    @Bean
    BalancerMetrics balancerMetrics(BackendPools pools) {
        return new BalancerMetrics(pools);
    }
}
