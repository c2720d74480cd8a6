package io.frontdesk.discovery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.balancer.BackendPools;
import io.frontdesk.config.FrontdeskProperties;
import io.micrometer.core.instrument.MeterRegistry;

/** Pools that find their members at run time. */
@Configuration(proxyBeanMethods = false)
public class DiscoveryConfiguration {

    @Bean
    PoolDiscoveries poolDiscoveries(FrontdeskProperties properties, BackendPools pools, MeterRegistry registry,
            ObjectProvider<ReactiveDiscoveryClient> serviceRegistry) {
        return new PoolDiscoveries(properties, pools, registry, serviceRegistry);
    }
}
