package io.frontdesk.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.balancer.BackendPools;

/** Frontdesk's own actuator endpoints. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    BackendsEndpoint backendsEndpoint(BackendPools pools) {
        return new BackendsEndpoint(pools);
    }
}
