package io.frontdesk.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.frontdesk.balancer.BackendPools;
import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.ManagementProperties;
import io.frontdesk.edge.ManagementPort;

/** Frontdesk's own actuator endpoints and the guard on management writes. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    BackendsEndpoint backendsEndpoint(BackendPools pools) {
        return new BackendsEndpoint(pools);
    }

    @Bean
    ManagementAccessFilter managementAccessFilter(ManagementPort managementPort, FrontdeskProperties properties) {
        return new ManagementAccessFilter(managementPort, token(properties.management()));
    }

    private static String token(ManagementProperties management) {
        String token = management.token();
        if (management.tokenFile() != null && !management.tokenFile().isBlank()) {
            try {
                token = Files.readString(Path.of(management.tokenFile())).trim();
            } catch (IOException e) {
                throw new InvalidConfigurationException("frontdesk.management.token-file",
                        "cannot read " + management.tokenFile() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (token != null && token.isBlank()) {
            throw new InvalidConfigurationException("frontdesk.management.token", "must not be blank");
        }
        if (token != null && token.length() < 16) {
            throw new InvalidConfigurationException("frontdesk.management.token",
                    "must be at least 16 characters long");
        }
        return token;
    }
}
