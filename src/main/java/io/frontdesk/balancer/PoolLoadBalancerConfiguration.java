package io.frontdesk.balancer;

import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.frontdesk.config.InvalidConfigurationException;
import reactor.core.publisher.Flux;

/**
 * The beans of each pool's Spring Cloud LoadBalancer child context. Deliberately not a
 * {@code @Configuration}: it must only be read by the load-balancer client factory, never by the
 * application's component scan.
 */
public class PoolLoadBalancerConfiguration {

    @Bean
    ReactorServiceInstanceLoadBalancer poolLoadBalancer(Environment environment, BackendPools pools) {
        return new PoolLoadBalancer(pool(environment, pools));
    }

    @Bean
    ServiceInstanceListSupplier poolInstances(Environment environment, BackendPools pools) {
        BackendPool pool = pool(environment, pools);
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return pool.name();
            }

            @Override
            public Flux<java.util.List<org.springframework.cloud.client.ServiceInstance>> get() {
                return Flux.just(pool.backends().stream().map(Backend::instance).toList());
            }
        };
    }

    private static BackendPool pool(Environment environment, BackendPools pools) {
        String name = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        BackendPool pool = pools.get(name);
        if (pool == null) {
            throw new InvalidConfigurationException("frontdesk.pools." + name,
                    "a route sends requests to lb://" + name + " but no such pool is configured");
        }
        return pool;
    }
}
