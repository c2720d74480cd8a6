package io.frontdesk.discovery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.balancer.BackendPools;
import io.frontdesk.config.FrontdeskProperties;
import io.micrometer.core.instrument.MeterRegistry;

/** Pools that find their members at run time. */
@Configuration(proxyBeanMethods = false)
public class DiscoveryConfiguration {

    @Bean
    DnsDiscovery dnsDiscovery(FrontdeskProperties properties, BackendPools pools, MeterRegistry registry) {
        return new DnsDiscovery(properties, pools, registry);
    }
}
