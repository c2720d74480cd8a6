package io.frontdesk.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.context.annotation.Bean;

import io.frontdesk.config.FrontdeskProperties;
import io.frontdesk.config.InvalidConfigurationException;
import io.frontdesk.config.ManagementProperties;

/**
 * The guard on management writes, in the management server's own context. Listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports} and deliberately not
 * annotated, so the application's component scan never puts it on the public path.
 */
public class ManagementAccessConfiguration {

    @Bean
    ManagementAccessFilter managementAccessFilter(FrontdeskProperties properties) {
        return new ManagementAccessFilter(token(properties.management()));
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
