package io.frontdesk.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.frontdesk.balancer.BackendPools;
import io.frontdesk.config.InvalidConfigurationException;

/** Frontdesk's own actuator endpoints, and the rule that management has a port of its own. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    AdminConfiguration(Environment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        Integer server = environment.getProperty("server.port", Integer.class, 8080);
        if (management == null || management > 0 && management.equals(server)) {
            throw new InvalidConfigurationException("management.server.port",
                    "the actuator must have a port of its own, apart from server.port " + server
                            + " (or -1 to turn it off)");
        }
    }

    @Bean
    BackendsEndpoint backendsEndpoint(BackendPools pools) {
        return new BackendsEndpoint(pools);
    }
}
